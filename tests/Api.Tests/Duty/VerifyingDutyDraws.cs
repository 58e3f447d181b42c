using System.Text.Json.Nodes;
using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Duty;

/// <summary>
/// `verify-duty --draws DIR` (docs/duty-report.md §7 step 7): the round the year's report names is verified from the
/// evidence bundle `verify-draw --evidence` wrote; an evidence event that is not the duty bundle's bytes, or no evidence
/// at all, fails named. The JavaScript CLI (`node verifier/verify-duty.mjs … --draws DIR`) judges the same folder alike.
/// </summary>
[Collection(nameof(DutyCollection))]
public sealed class VerifyingDutyDraws(DutyHost fixture) : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("duty-draws-");
    private string _bundle = "";

    public async Task InitializeAsync()
    {
        await fixture.YearAsync();
        _bundle = Path.Combine(fixture.KeyDirectory, $"duty-bundle-{Guid.NewGuid():N}.json");
        var bundle = await fixture.GetAsync("/api/duty/bundles" + DutyHost.Query(), fixture.Auditor);
        await File.WriteAllTextAsync(_bundle, await bundle.ReadAsTextAsync());
    }

    public Task DisposeAsync()
    {
        _folder.Delete(recursive: true);
        File.Delete(_bundle);
        return Task.CompletedTask;
    }

    private Task<CommandResult> VerifyDutyAsync() => fixture.RunApiAsync(
        "verify-duty", _bundle, "--key", fixture.LogKey, "--witness", DutyHost.Witness.VerifierKey, "--draws", _folder.FullName);

    private Task<CommandResult> VerifyDutyInNodeAsync() => CommandLine.RunNodeAsync(
        Path.Combine("verifier", "verify-duty.mjs"), _bundle, "--key", fixture.LogKey,
        "--witness", DutyHost.Witness.VerifierKey, "--draws", _folder.FullName);

    private async Task<string> WriteEvidenceAsync()
    {
        var path = Path.Combine(_folder.FullName, "evidence.json");
        var written = await fixture.RunApiAsync("verify-draw", DutyHost.Task, "--evidence", path);
        Assert.True(written.ExitCode == 0, written.Output);
        return path;
    }

    [Fact]
    public async Task Given_the_rounds_evidence_in_the_folder_When_verify_duty_runs_with_draws_Then_it_passes_and_prints_the_rounds_outcome()
    {
        await WriteEvidenceAsync();
        File.Copy(_bundle, Path.Combine(_folder.FullName, "duty-bundle.json")); // not evidence: passed over, not judged

        var (exit, output) = await VerifyDutyAsync();

        Assert.True(exit == 0, output);
        Assert.Contains($"draws: task {DutyHost.Task} round 1 (evidence.json, assigned): DRAW-v1 pass", output, StringComparison.Ordinal);
        Assert.Contains("duty bundle verified", output, StringComparison.Ordinal);
        var (nodeExit, nodeOutput) = await VerifyDutyInNodeAsync();
        Assert.True(nodeExit == 0, nodeOutput);
        Assert.Contains(
            $"draws: task {DutyHost.Task} round 1 (evidence.json, assigned): DRAW-v1 pass", nodeOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_evidence_event_altered_When_verify_duty_runs_with_draws_Then_it_fails_naming_the_event()
    {
        var path = await WriteEvidenceAsync();
        var evidence = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        var executed = evidence["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "draw_executed")!;
        var receipt = executed["receipt"]!;
        receipt["canonical"] = receipt["canonical"]!.GetValue<string>().Replace("\"version\":", "\"version\": ", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, evidence.ToJsonString());

        var (exit, output) = await VerifyDutyAsync();

        Assert.NotEqual(0, exit);
        var sequence = executed["sequence"]!.GetValue<long>();
        Assert.Contains($"draws: task {DutyHost.Task} round 1 (evidence.json): 序号{sequence}的事件与履职证据包不同", output, StringComparison.Ordinal);
        Assert.Contains($"the event at sequence {sequence} differs from the duty bundle's bytes", output, StringComparison.Ordinal);
        var (nodeExit, nodeOutput) = await VerifyDutyInNodeAsync();
        Assert.Equal(1, nodeExit);
        Assert.Contains(
            $"draws: task {DutyHost.Task} round 1 (evidence.json): 序号{sequence}的事件与履职证据包不同", nodeOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_empty_folder_When_verify_duty_runs_with_draws_Then_it_fails_with_no_evidence_never_passes()
    {
        var (exit, output) = await VerifyDutyAsync();

        Assert.NotEqual(0, exit);
        Assert.Contains($"draws: no evidence for task {DutyHost.Task} round 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("duty bundle verified", output, StringComparison.Ordinal);
        var (nodeExit, nodeOutput) = await VerifyDutyInNodeAsync();
        Assert.Equal(1, nodeExit);
        Assert.Contains(
            $"NOT verified: draws: no evidence for task {DutyHost.Task} round 1", nodeOutput, StringComparison.Ordinal);
    }
}
