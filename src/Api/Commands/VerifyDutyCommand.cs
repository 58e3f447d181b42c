using FairDraw.Api.Duty;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Duty;
using JasperFx.CommandLine;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

public sealed class VerifyDutyInput
{
    [Description("The duty bundle file (GET /api/duty/bundles)")]
    public string BundleArg { get; set; } = "";

    [Description("The log's verifier key (public: verifierKey of GET /api/ledger/checkpoint), or @FILE holding it")]
    public string KeyFlag { get; set; } = "";

    [Description("Witness keys (name+keyid+base64), all after one --witness, whose cosignatures bound the events' times")]
    public List<string> WitnessFlag { get; set; } = [];

    [Description("How many of the --witness keys must have cosigned a checkpoint for its time to count (default: all of them)")]
    public int? QuorumFlag { get; set; }

    [Description("A folder of evidence bundles (verify-draw --evidence): each round the report names is verified from its own")]
    public string DrawsFlag { get; set; } = "";
}

/// <summary>
/// Verifies a duty bundle offline (docs/duty-report.md §7): no database, no key folder; the ledger key and the witness
/// keys come from the command line, never from the bundle.
/// </summary>
[Description("Verifies a duty bundle offline and recomputes every clause of its report; exits non-zero on any failure", Name = "verify-duty")]
public sealed class VerifyDutyCommand : JasperFxAsyncCommand<VerifyDutyInput>
{
    public override async Task<bool> Execute(VerifyDutyInput input)
    {
        string key;
        WitnessPolicy? policy;
        byte[] file;
        (string Name, byte[] Bytes)[]? draws;
        try
        {
            key = input.KeyFlag.StartsWith('@') ? (await File.ReadAllTextAsync(input.KeyFlag[1..])).Trim() : input.KeyFlag;
            if (key.Length == 0)
            {
                throw new CheckpointException("pass --key VKEY or --key @FILE, the verifierKey of GET /api/ledger/checkpoint");
            }

            CheckpointVerifier.KeyName(key);
            policy = input.WitnessFlag.Count == 0 && input.QuorumFlag is null ? null
                : WitnessPolicy.Parse(input.WitnessFlag, input.QuorumFlag ?? input.WitnessFlag.Count);
            file = await File.ReadAllBytesAsync(input.BundleArg);
            draws = input.DrawsFlag.Length == 0 ? null : await Task.WhenAll(Directory.EnumerateFiles(input.DrawsFlag)
                .Select(async path => (Path.GetFileName(path), await File.ReadAllBytesAsync(path))));
        }
        catch (Exception error) when (error is CheckpointException or IOException or UnauthorizedAccessException)
        {
            Error.MarkupLineInterpolated($"[red]verify-duty BUNDLE --key VKEY|@FILE [[--witness KEY …]] [[--quorum K]] [[--draws DIR]][/]: {error.Message}");
            return false;
        }

        var verification = DutyVerifier.Verify(file, key, policy, DutyEventTypes.Decode);
        if (verification.Recomputed is { } report)
        {
            Out.MarkupLineInterpolated($"{report.Year}-{report.Jurisdiction}-{report.Department}{(report.Official is null ? "" : " / " + report.Official)} as of {report.AsOf:N0} (witnessed {report.AsOfTime ?? "—"})");
            foreach (var clause in report.Clauses)
            {
                Out.MarkupLineInterpolated($"clause {clause.Clause} {clause.Name}: {clause.Verdict} ({clause.Findings.Count} findings, {clause.Sequences.Count} events)");
                foreach (var finding in clause.Findings)
                {
                    Out.MarkupLineInterpolated($"  {finding.Verdict} {finding.Code} {finding.Subject}: {finding.Detail}");
                }
            }

            if (!verification.PolicyMatches)
            {
                Out.MarkupLine("[yellow]报告按另一见证策略计算，未逐条比对 / the report was computed under another witness policy: its verdicts were not compared[/]");
            }
        }

        var failures = draws is null ? verification.Failures : [.. verification.Failures, .. Draws(file, verification, draws, key)];
        foreach (var failure in failures)
        {
            Out.MarkupLineInterpolated($"[red]{failure.Kind}[/]: {failure.Detail}");
        }

        var passed = verification.Passed && failures.Count == 0;
        Out.MarkupLine(passed ? "[green]duty bundle verified[/]" : $"[red]{failures.Count} failure(s)[/]");
        return passed;
    }

    /// <summary>Step 7: the rounds the report names, each verified from its evidence bundle; prints each round's outcome.</summary>
    private static IReadOnlyList<DutyFailure> Draws(
        byte[] file, DutyVerification verification, (string Name, byte[] Bytes)[] files, string key)
    {
        // A report exists only once the bundle parsed; a bundle that did not is already named (truncated, format).
        if ((verification.Recomputed ?? verification.Claimed) is not { } report)
        {
            return [new DutyFailure("draws", "履职证据包无可读报告 / the duty bundle has no readable report to name its rounds")];
        }

        var (rounds, failures) = DutyDrawEvidence.Check(report.Draws, DutyBundle.Parse(file).Events, files, key);
        foreach (var round in rounds)
        {
            var (draw, state, outcome) = (round.Draw, RoundStates.Name(round.Report.State), VerifyDrawCommand.Name(round.Report.Outcome));
            Out.MarkupLineInterpolated($"draws: task {draw.TaskId} round {draw.Round} ({round.File}, {state}): DRAW-v1 {outcome}");
        }

        return failures;
    }
}
