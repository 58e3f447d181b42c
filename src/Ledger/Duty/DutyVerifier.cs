using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Integrity;
using NodaTime;

namespace FairDraw.Ledger.Duty;

/// <summary>What <see cref="DutyVerifier.Verify"/> found: every failure named, and the report it recomputed (null when it could not).</summary>
public sealed record DutyVerification(IReadOnlyList<DutyFailure> Failures, DutyReport? Claimed, DutyReport? Recomputed, bool PolicyMatches)
{
    public bool Passed => Failures.Count == 0 && Recomputed is not null;
}

/// <summary>
/// Verifies a duty bundle offline (docs/duty-report.md §7): the final checkpoint under the trusted ledger key, every
/// inclusion and consistency proof, completeness, then the report recomputed by <see cref="DutyEngine"/> from the events
/// alone under the verifier's own witness policy and compared with the report the bundle carries.
/// </summary>
public static class DutyVerifier
{
    /// <summary>
    /// Verifies <paramref name="file"/>; <paramref name="decode"/> turns a stored type name and payload JSON into the
    /// domain's event record (the storage's naming, which the domain does not know).
    /// </summary>
    public static DutyVerification Verify(byte[] file, string ledgerKey, WitnessPolicy? policy, DutyDecoder decode)
    {
        DutyBundle bundle;
        try
        {
            bundle = DutyBundle.Parse(file);
        }
        catch (JsonException error)
        {
            return new([new("truncated", "不是完整的证据包 / not a whole bundle document: " + error.Message)], null, null, false);
        }

        var failures = new List<DutyFailure>();
        if (bundle.Format != DutyBundle.FormatName)
        {
            return new([new("format", $"{bundle.Format} is not {DutyBundle.FormatName}")], bundle.Report, null, false);
        }

        Checkpoint final;
        try
        {
            final = CheckpointVerifier.Verify(bundle.Checkpoint, ledgerKey);
        }
        catch (CheckpointException error)
        {
            return new([new("signature", "最终检查点在给定密钥下不成立 / the final checkpoint does not verify under the given key: " + error.Message)], bundle.Report, null, false);
        }

        var (events, decoded) = Events(bundle, final, decode, failures);
        var bounds = Bounds(bundle, final, ledgerKey, policy, failures);
        DutyScope scope;
        try
        {
            scope = new DutyScope(PlanId.Create(bundle.Report.Year, bundle.Report.Jurisdiction, bundle.Report.Department), bundle.Report.Official);
        }
        catch (DomainException error)
        {
            failures.Add(new("mismatch", "the report names no plan: " + error.Message));
            return new(failures, bundle.Report, null, false);
        }

        // A stream of a shape no ledger writes would mean different things to different folds: nothing is judged on it.
        var shapes = DutyStreamShapes.Check(decoded).ToList();
        if (shapes.Count > 0)
        {
            return new([.. failures, .. shapes], bundle.Report, null, false);
        }

        DutyReport recomputed;
        try
        {
            var ledger = new DutyLedger(scope, decoded.Where(e => e.LeafIndex < bundle.Report.AsOf));
            failures.AddRange(DutyCompleteness.Check(bundle.Report, ledger, events));
            recomputed = DutyEngine.Build(ledger, bundle.Report.AsOf, WitnessedTimes.Of(bounds), policy, ledgerKey);
        }
        catch (Exception error) when (error is InvalidOperationException or KeyNotFoundException or InvalidCastException or ArgumentException or DomainException)
        {
            // Events no valid ledger holds can still defeat a fold: a failure named, never a crash.
            failures.Add(new("tampered", "the events do not fold into a report: " + error.Message));
            return new(failures, bundle.Report, null, false);
        }

        var matches = SamePolicy(bundle.Report.Witnesses, policy);
        if (matches)
        {
            // The witness keys are a set, found equal above.
            failures.AddRange(Compare(bundle.Report, recomputed with { Witnesses = bundle.Report.Witnesses }));
        }

        return new(failures, bundle.Report, recomputed, matches);
    }

    // Spec §7 step 3: leaves strictly ascending, then one multi-leaf proof of them all. A failing proof cannot say which
    // event was altered; the chain check of step 5 names the stream where a link breaks. Each event's leaf hash,
    // members and payload are taken on every core, in order: a city's year is tens of thousands of events.
    private static (List<DutyCanonical> Events, List<DutyEvent> Decoded) Events(
        DutyBundle bundle, Checkpoint final, DutyDecoder decode, List<DutyFailure> failures)
    {
        if (bundle.Events.Count == 0)
        {
            failures.Add(new("incomplete", "the bundle holds no event"));
        }

        var ascending = true;
        for (var i = 1; i < bundle.Events.Count; i++)
        {
            if (bundle.Events[i].LeafIndex <= bundle.Events[i - 1].LeafIndex)
            {
                failures.Add(new("reordered", $"event {bundle.Events[i].Sequence} at leaf {bundle.Events[i].LeafIndex} comes after leaf {bundle.Events[i - 1].LeafIndex}"));
                ascending = false;
            }
        }

        var read = bundle.Events.AsParallel().AsOrdered().Select(e => Read(e, decode)).ToList();
        if (ascending && (Hashes(bundle.InclusionProof) is not { } proof || !MerkleTree.VerifyMultiInclusion(
                [.. bundle.Events.Select(e => e.LeafIndex)], [.. read.Select(r => r.Leaf)], final.TreeSize, proof, final.RootHash)))
        {
            failures.Add(new("tampered", $"the bundle's {bundle.Events.Count} events are not in the signed tree of size {final.TreeSize} at their leaves: an event's bytes, a leaf index or the inclusion proof was altered"));
        }

        failures.AddRange(read.Select(r => r.Failure).OfType<DutyFailure>());
        return ([.. read.Select(r => r.Canonical).OfType<DutyCanonical>()], [.. read.Select(r => r.Decoded).OfType<DutyEvent>()]);
    }

    private static (byte[] Leaf, DutyCanonical? Canonical, DutyEvent? Decoded, DutyFailure? Failure) Read(DutyBundleEvent e, DutyDecoder decode)
    {
        var bytes = e.Canonical;
        var leaf = MerkleTree.LeafHash(bytes);
        DutyCanonical canonical;
        try
        {
            canonical = DutyCanonical.Parse(e.Sequence, e.LeafIndex, bytes);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (leaf, null, null, new("tampered", $"event {e.Sequence}: its canonical bytes lack a member: {error.Message}"));
        }

        try
        {
            return (leaf, canonical, canonical.Decode(decode), null);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException or DomainException)
        {
            return (leaf, canonical, null, new("tampered", $"event {e.Sequence}: its payload is not a {canonical.Type}: {error.Message}"));
        }
    }

    // Spec §7 step 4; as the JavaScript verifier: sizes ascend, and a trusted witness's line that does not verify fails
    // the bundle (a forged cosignature is tampering, not an absent witness).
    private static List<(long Size, Instant Time)> Bounds(
        DutyBundle bundle, Checkpoint final, string ledgerKey, WitnessPolicy? policy, List<DutyFailure> failures)
    {
        // Each cosignature is an Ed25519 check: done once per bound checkpoint, on every core, before the checks in order.
        var checks = bundle.Bounds.AsParallel().AsOrdered().Select(bound => policy is null ? null : Checked(bound.Checkpoint, policy)).ToList();
        var bounds = new List<(long, Instant)>();
        var previous = 0L;
        foreach (var (bound, check) in bundle.Bounds.Zip(checks))
        {
            try
            {
                var checkpoint = CheckpointVerifier.Verify(bound.Checkpoint, ledgerKey);
                if (checkpoint.TreeSize < previous)
                {
                    failures.Add(new("reordered", $"bound checkpoint of size {checkpoint.TreeSize} follows one of size {previous}"));
                }

                previous = Math.Max(previous, checkpoint.TreeSize);
                foreach (var problem in check?.Problems ?? [])
                {
                    failures.Add(new("tampered", $"bound checkpoint of size {checkpoint.TreeSize}: {problem}"));
                }

                var consistent = checkpoint.TreeSize == final.TreeSize
                    ? bound.ConsistencyProof.Count == 0 && checkpoint.RootHash.AsSpan().SequenceEqual(final.RootHash)
                    : Hashes(bound.ConsistencyProof) is { } proof
                      && MerkleTree.VerifyConsistency(checkpoint.TreeSize, final.TreeSize, checkpoint.RootHash, final.RootHash, proof);
                if (consistent)
                {
                    if (check is not null && WitnessedTimes.QuorumTime(check) is { } time)
                    {
                        bounds.Add((checkpoint.TreeSize, time));
                    }
                }
                else
                {
                    failures.Add(new("tampered", $"bound checkpoint of size {checkpoint.TreeSize} is not a prefix of the final checkpoint"));
                }
            }
            catch (CheckpointException error)
            {
                failures.Add(new("tampered", "a bound checkpoint does not verify under the given key: " + error.Message));
            }
        }

        return bounds;
    }

    private static WitnessCheck? Checked(string note, WitnessPolicy policy)
    {
        try
        {
            return Cosignatures.Check(note, policy);
        }
        catch (CheckpointException)
        {
            return null; // the note itself does not parse: the ordered checks name it
        }
    }

    private static byte[][]? Hashes(IReadOnlyList<string> hex)
    {
        try
        {
            return [.. hex.Select(Convert.FromHexString)];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool SamePolicy(DutyWitnesses? reported, WitnessPolicy? policy) =>
        reported is null ? policy is null
        : policy is not null && reported.Quorum == policy.Quorum
          && reported.Keys.Order(StringComparer.Ordinal).SequenceEqual(policy.Witnesses.Select(w => w.VerifierKeyText()).Order(StringComparer.Ordinal));

    /// <summary>
    /// The first difference between the report carried and the one recomputed, clause by clause, then member by member;
    /// the findings' <c>detail</c> is for people and not compared (§4), as in the JavaScript verifier.
    /// </summary>
    private static IEnumerable<DutyFailure> Compare(DutyReport claimed, DutyReport recomputed)
    {
        var (said, found) = (WithoutDetail(claimed), WithoutDetail(recomputed));
        if (Same(said, found))
        {
            yield break;
        }

        foreach (var (clause, i) in found.Clauses.Select((clause, i) => (clause, i)).Where(x => x.i < said.Clauses.Count))
        {
            if (!Same(said.Clauses[i], clause))
            {
                yield return new("mismatch", $"clause {clause.Clause} ({clause.Name}): the report says {said.Clauses[i].Verdict} with "
                    + $"{said.Clauses[i].Findings.Count} findings, recomputed {clause.Verdict} with {clause.Findings.Count}");
                yield break;
            }
        }

        var (saidNode, foundNode) = (JsonSerializer.SerializeToNode(said, DutyBundle.Json)!.AsObject(), JsonSerializer.SerializeToNode(found, DutyBundle.Json)!.AsObject());
        var member = saidNode.Select(m => m.Key).First(name => !JsonNode.DeepEquals(saidNode[name], foundNode[name]));
        yield return new("mismatch", $"the report's \"{member}\" differs from the one recomputed from the events");
    }

    // A finding's words are the report's own (the JavaScript verifier cannot recompute them), so they are not compared.
    private static DutyReport WithoutDetail(DutyReport report) => report with
    {
        Clauses = [.. report.Clauses.Select(clause => clause with { Findings = [.. clause.Findings.Select(finding => finding with { Detail = "" })] })],
        Missing = report.Missing is null ? null : [.. report.Missing.Select(finding => finding with { Detail = "" })],
    };

    // Both sides are the same record types written by the same serializer, so equal values give equal bytes; JCS would
    // only add the cost of re-sorting a city year's report.
    private static bool Same<T>(T a, T b) => JsonSerializer.SerializeToUtf8Bytes(a, DutyBundle.Json).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, DutyBundle.Json));
}
