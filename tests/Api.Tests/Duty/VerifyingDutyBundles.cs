using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FairDraw.Api.Tests.Integrity;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Duty;
using FairDraw.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Duty;

/// <summary>
/// The duty bundle verified offline (docs/duty-report.md §7) by the same engine, in process and through the
/// <c>verify-duty</c> verb: the real year's bundle passes; tampered, dropped, truncated, reordered, forged and foreign
/// bundles fail, each named.
/// </summary>
[Collection(nameof(DutyCollection))]
public sealed class VerifyingDutyBundles(DutyHost fixture) : IAsyncLifetime
{
    private static readonly WitnessPolicy Policy = WitnessPolicy.Parse([DutyHost.Witness.VerifierKey], 1);

    private byte[] _bundle = [];

    public async Task InitializeAsync()
    {
        await fixture.YearAsync();
        _bundle = Encoding.UTF8.GetBytes(await (await fixture.GetAsync("/api/duty/bundles" + DutyHost.Query(), fixture.Auditor)).ReadAsTextAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private DutyVerification Verify(byte[] bundle, string? key = null, WitnessPolicy? policy = null) =>
        DutyVerifier.Verify(bundle, key ?? fixture.LogKey, policy ?? Policy, DutyEventTypes.Decode);

    private byte[] Altered(Action<JsonObject> change)
    {
        var document = JsonNode.Parse(_bundle)!.AsObject();
        change(document);
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    [Fact]
    public void Given_the_years_bundle_When_verified_with_the_ledger_and_witness_keys_Then_it_passes_and_recomputes_the_report()
    {
        var verification = Verify(_bundle);

        Assert.Empty(verification.Failures);
        Assert.True(verification.Passed && verification.PolicyMatches);
        Assert.Equal(verification.Claimed!.Clauses.Select(c => c.Verdict), verification.Recomputed!.Clauses.Select(c => c.Verdict));
    }

    [Fact]
    public void Given_no_witness_keys_When_verified_Then_the_deadlines_are_undetermined_and_the_reports_verdicts_are_not_compared()
    {
        var verification = DutyVerifier.Verify(_bundle, fixture.LogKey, null, DutyEventTypes.Decode);

        Assert.Empty(verification.Failures);
        Assert.False(verification.PolicyMatches);
        Assert.Equal("undetermined", verification.Recomputed!.Clauses[5].Verdict);
    }

    [Fact]
    public void Given_an_events_bytes_tampered_When_verified_Then_it_fails_tampered_as_not_in_the_signed_tree()
    {
        var bundle = Altered(document =>
        {
            var events = document["events"]!.AsArray();
            var e = events[events.Count - 1]!;
            e["canonical"] = e["canonical"]!.GetValue<string>().Replace("\"version\":", "\"version\": ", StringComparison.Ordinal);
        });

        var failure = Assert.Single(Verify(bundle).Failures, f => f.Kind == "tampered");

        Assert.Contains("not in the signed tree", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_leaf_index_or_a_proof_hash_altered_When_verified_Then_it_fails_tampered()
    {
        var moved = Altered(document => document["events"]!.AsArray()[0]!["leafIndex"] = document["events"]!.AsArray()[0]!["leafIndex"]!.GetValue<long>() - 1);
        var proof = Altered(document => document["inclusionProof"]!.AsArray()[0] = new string('0', 64));

        Assert.Contains(Verify(moved).Failures, f => f.Kind == "tampered" && f.Detail.Contains("not in the signed tree", StringComparison.Ordinal));
        Assert.Contains(Verify(proof).Failures, f => f.Kind == "tampered" && f.Detail.Contains("not in the signed tree", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_cited_event_omitted_by_the_bundles_maker_When_verified_Then_it_fails_incomplete_never_passes()
    {
        // The maker proves the events it ships, so the proof holds: completeness alone must catch the omission.
        var document = JsonNode.Parse(_bundle)!.AsObject();
        var events = document["events"]!.AsArray();
        events.RemoveAt(events.Count - 1);
        var size = CheckpointVerifier.Verify(document["checkpoint"]!.GetValue<string>(), fixture.LogKey).TreeSize;
        var proof = await fixture.Host.Services.GetRequiredService<LedgerProofs>().MultiInclusionAsync(
            [.. events.Select(e => e!["leafIndex"]!.GetValue<long>())], size, CancellationToken.None);
        document["inclusionProof"] = new JsonArray([.. proof.Select(hash => (JsonNode)hash)]);

        var verification = Verify(Encoding.UTF8.GetBytes(document.ToJsonString()));

        Assert.False(verification.Passed);
        Assert.DoesNotContain(verification.Failures, f => f.Kind == "tampered");
        Assert.Contains(verification.Failures, f => f.Kind == "incomplete" && f.Detail.StartsWith("cited sequence", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_cited_event_dropped_from_a_finished_bundle_When_verified_Then_its_proof_fails()
    {
        var verification = Verify(Altered(document => document["events"]!.AsArray().RemoveAt(document["events"]!.AsArray().Count - 1)));

        Assert.Contains(verification.Failures, f => f.Kind == "tampered" && f.Detail.Contains("not in the signed tree", StringComparison.Ordinal));
        Assert.Contains(verification.Failures, f => f.Kind == "incomplete" && f.Detail.StartsWith("cited sequence", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_no_events_When_verified_Then_it_fails_incomplete()
    {
        var verification = Verify(Altered(document =>
        {
            document["events"] = new JsonArray();
            document["inclusionProof"] = new JsonArray();
        }));

        Assert.Contains(verification.Failures, f => f.Kind == "incomplete" && f.Detail == "the bundle holds no event");
    }

    [Fact]
    public void Given_a_truncated_file_When_verified_Then_it_fails_truncated()
    {
        var failure = Assert.Single(Verify(_bundle[..(_bundle.Length / 2)]).Failures);

        Assert.Equal("truncated", failure.Kind);
    }

    [Fact]
    public void Given_two_events_swapped_When_verified_Then_it_fails_reordered()
    {
        var bundle = Altered(document =>
        {
            var events = document["events"]!.AsArray();
            var (first, second) = (events[1]!.DeepClone(), events[2]!.DeepClone());
            (events[1], events[2]) = (second, first);
        });

        Assert.Contains(Verify(bundle).Failures, f => f.Kind == "reordered");
    }

    [Fact]
    public void Given_two_bound_checkpoints_swapped_When_verified_Then_it_fails_reordered()
    {
        var bundle = Altered(document =>
        {
            var bounds = document["bounds"]!.AsArray();
            var (first, last) = (bounds[0]!.DeepClone(), bounds[^1]!.DeepClone());
            (bounds[0], bounds[^1]) = (last, first);
        });

        Assert.Contains(Verify(bundle).Failures, f => f.Kind == "reordered" && f.Detail.StartsWith("bound checkpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_trusted_witness_cosignature_forged_on_a_bound_checkpoint_When_verified_Then_it_fails_tampered()
    {
        var bundle = Altered(document =>
        {
            var bound = document["bounds"]!.AsArray()[0]!;
            var lines = bound["checkpoint"]!.GetValue<string>().Split('\n');
            var last = Array.FindLastIndex(lines, line => line.StartsWith("— ", StringComparison.Ordinal));
            var signature = Convert.FromBase64String(lines[last][(lines[last].LastIndexOf(' ') + 1)..]);
            signature[^1] ^= 1; // the Ed25519 signature's last byte: key ID and timestamp stay as they were
            lines[last] = lines[last][..(lines[last].LastIndexOf(' ') + 1)] + Convert.ToBase64String(signature);
            bound["checkpoint"] = string.Join('\n', lines);
        });

        Assert.Contains(Verify(bundle).Failures, f => f.Kind == "tampered" && f.Detail.Contains("does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_verdict_forged_in_the_report_When_verified_Then_it_fails_mismatch_naming_the_clause()
    {
        var bundle = Altered(document =>
        {
            var clause = document["report"]!["clauses"]![5]!;
            clause["verdict"] = "fulfilled";
            clause["findings"] = new JsonArray();
        });

        var failure = Assert.Single(Verify(bundle).Failures);

        Assert.Equal("mismatch", failure.Kind);
        Assert.StartsWith("clause 6 (published): the report says fulfilled", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_reports_cited_list_forged_When_verified_Then_it_fails_mismatch_naming_the_member()
    {
        var bundle = Altered(document =>
        {
            var cited = document["report"]!["cited"]!.AsArray();
            cited[0] = cited[0]!.GetValue<long>() + 1;
        });

        var failure = Assert.Single(Verify(bundle).Failures);

        Assert.Equal(("mismatch", "the report's \"cited\" differs from the one recomputed from the events"), (failure.Kind, failure.Detail));
    }

    [Fact]
    public void Given_the_reports_witness_keys_in_another_order_than_the_verifiers_When_verified_Then_they_compare_as_a_set()
    {
        var other = new TestWitness("witness.test/other", 0).VerifierKey;
        var bundle = Altered(document => document["report"]!["witnesses"]!["keys"] = new JsonArray(other, DutyHost.Witness.VerifierKey));

        var verification = Verify(bundle, policy: WitnessPolicy.Parse([DutyHost.Witness.VerifierKey, other], 1));

        Assert.True(verification.PolicyMatches);
        Assert.Empty(verification.Failures);
    }

    [Fact]
    public void Given_a_findings_words_changed_When_verified_Then_it_passes_as_in_the_javascript_verifier()
    {
        var bundle = Altered(document =>
        {
            var finding = document["report"]!["clauses"]!.AsArray().SelectMany(clause => clause!["findings"]!.AsArray()).First()!;
            finding["detail"] = "另一句话 / other words";
        });

        Assert.Empty(Verify(bundle).Failures);
    }

    [Fact]
    public void Given_a_checkpoint_signed_by_another_key_When_verified_Then_it_fails_signature()
    {
        var another = new CheckpointSigner(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "another.example/ledger");

        var failure = Assert.Single(Verify(_bundle, another.PublicKeyText()).Failures);

        Assert.Equal("signature", failure.Kind);
    }

    [Fact]
    public async Task Given_the_bundle_on_disk_When_verify_duty_runs_Then_it_prints_every_clause_and_exits_zero_and_non_zero_once_tampered()
    {
        var path = Path.Combine(fixture.KeyDirectory, "duty-bundle.json");
        await File.WriteAllBytesAsync(path, _bundle);
        var tampered = Path.Combine(fixture.KeyDirectory, "duty-bundle-forged.json");
        await File.WriteAllBytesAsync(tampered, Altered(document => document["report"]!["clauses"]![5]!["verdict"] = "fulfilled"));

        var (passed, output) = await fixture.RunApiAsync("verify-duty", path, "--key", fixture.LogKey, "--witness", DutyHost.Witness.VerifierKey);
        var (failed, failure) = await fixture.RunApiAsync("verify-duty", tampered, "--key", fixture.LogKey, "--witness", DutyHost.Witness.VerifierKey);

        Assert.True(passed == 0, output);
        Assert.Contains("clause 6 published: not-fulfilled", output, StringComparison.Ordinal);
        Assert.Contains("duty bundle verified", output, StringComparison.Ordinal);
        Assert.NotEqual(0, failed);
        Assert.Contains("mismatch: clause 6", failure, StringComparison.Ordinal);
    }
}
