using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Integrity;

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
    public static DutyVerification Verify(byte[] file, string ledgerKey, WitnessPolicy? policy, Func<string, string, object> decode)
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

        var events = Events(bundle, final, failures);
        var bounds = Bounds(bundle, final, ledgerKey, policy, failures);
        var decoded = new List<DutyEvent>();
        foreach (var e in events)
        {
            try
            {
                decoded.Add(e.Decode(decode));
            }
            catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException or DomainException)
            {
                failures.Add(new("tampered", $"event {e.Sequence}: its payload is not a {e.Type}: {error.Message}"));
            }
        }

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
            failures.AddRange(DutyCompleteness.Check(bundle.Report, scope, events, decoded));
            recomputed = DutyEngine.Build(scope, bundle.Report.AsOf, decoded, WitnessedTimes.From(bounds, policy), policy, ledgerKey);
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

    private static List<DutyCanonical> Events(DutyBundle bundle, Checkpoint final, List<DutyFailure> failures)
    {
        var events = new List<DutyCanonical>();
        long previous = -1;
        foreach (var e in bundle.Events)
        {
            if (e.LeafIndex <= previous)
            {
                failures.Add(new("reordered", $"event {e.Sequence} at leaf {e.LeafIndex} comes after leaf {previous}"));
            }

            previous = Math.Max(previous, e.LeafIndex);
            var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(e.Canonical));
            if (Hashes(e.InclusionProof) is not { } proof || !MerkleTree.VerifyInclusion(e.LeafIndex, final.TreeSize, leaf, proof, final.RootHash))
            {
                failures.Add(new("tampered", $"event at leaf {e.LeafIndex} (sequence {e.Sequence}) is not in the signed tree of size {final.TreeSize}"));
                continue;
            }

            try
            {
                events.Add(DutyCanonical.Parse(e.Sequence, e.LeafIndex, e.Canonical));
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                failures.Add(new("tampered", $"event {e.Sequence}: its canonical bytes lack a member: {error.Message}"));
            }
        }

        return events;
    }

    // Spec §7 step 4; as the JavaScript verifier: sizes ascend, and a trusted witness's line that does not verify fails
    // the bundle (a forged cosignature is tampering, not an absent witness).
    private static List<(long Size, string Note)> Bounds(
        DutyBundle bundle, Checkpoint final, string ledgerKey, WitnessPolicy? policy, List<DutyFailure> failures)
    {
        var bounds = new List<(long, string)>();
        var previous = 0L;
        foreach (var bound in bundle.Bounds)
        {
            try
            {
                var checkpoint = CheckpointVerifier.Verify(bound.Checkpoint, ledgerKey);
                if (checkpoint.TreeSize < previous)
                {
                    failures.Add(new("reordered", $"bound checkpoint of size {checkpoint.TreeSize} follows one of size {previous}"));
                }

                previous = Math.Max(previous, checkpoint.TreeSize);
                foreach (var problem in policy is null ? [] : Cosignatures.Check(bound.Checkpoint, policy).Problems)
                {
                    failures.Add(new("tampered", $"bound checkpoint of size {checkpoint.TreeSize}: {problem}"));
                }

                var consistent = checkpoint.TreeSize == final.TreeSize
                    ? bound.ConsistencyProof.Count == 0 && checkpoint.RootHash.AsSpan().SequenceEqual(final.RootHash)
                    : Hashes(bound.ConsistencyProof) is { } proof
                      && MerkleTree.VerifyConsistency(checkpoint.TreeSize, final.TreeSize, checkpoint.RootHash, final.RootHash, proof);
                if (consistent)
                {
                    bounds.Add((checkpoint.TreeSize, bound.Checkpoint));
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
        var said = WithoutDetail(JsonSerializer.SerializeToNode(claimed, DutyBundle.Json)!);
        var found = WithoutDetail(JsonSerializer.SerializeToNode(recomputed, DutyBundle.Json)!);
        if (Same(said, found))
        {
            yield break;
        }

        var saidClauses = said["clauses"]!.AsArray();
        foreach (var (clause, i) in recomputed.Clauses.Select((clause, i) => (clause, i)).Where(x => x.i < saidClauses.Count))
        {
            if (!Same(saidClauses[i], found["clauses"]![i]))
            {
                var (verdict, findings) = (saidClauses[i]?["verdict"], saidClauses[i]?["findings"]?.AsArray().Count);
                yield return new("mismatch", $"clause {clause.Clause} ({clause.Name}): the report says {verdict} with {findings} findings, "
                    + $"recomputed {clause.Verdict} with {clause.Findings.Count}");
                yield break;
            }
        }

        var member = said.AsObject().Select(m => m.Key).Union(found.AsObject().Select(m => m.Key))
            .First(name => !said.AsObject().ContainsKey(name) || !found.AsObject().ContainsKey(name) || !Same(said[name], found[name]));
        yield return new("mismatch", $"the report's \"{member}\" differs from the one recomputed from the events");
    }

    private static JsonNode WithoutDetail(JsonNode report)
    {
        foreach (var finding in report["clauses"]!.AsArray().SelectMany(clause => clause!["findings"]!.AsArray())
                     .Concat(report["missing"] is JsonArray missing ? missing : []))
        {
            finding!.AsObject().Remove("detail");
        }

        return report;
    }

    private static bool Same(JsonNode? a, JsonNode? b) => Canonical(a).AsSpan().SequenceEqual(Canonical(b));

    private static byte[] Canonical(JsonNode? node) => Jcs.Canonicalize(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"));
}
