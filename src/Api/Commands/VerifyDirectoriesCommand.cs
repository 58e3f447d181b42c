using FairDraw.Api.Hosting;
using FairDraw.Ledger;
using FairDraw.Projections.Directories;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

[Description("Replays the entity and inspector directories from their events and compares every stored revision; exits non-zero on any finding", Name = "verify-directories")]
public sealed class VerifyDirectoriesCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        await LedgerDatabase.RequireMigratedAsync(host.Services, CancellationToken.None);
        var replay = host.Services.GetRequiredService<DirectoryReplay>();
        var outcomes = new List<DirectoryReport>();
        foreach (var verify in new Func<IProgress<long>, Task<DirectoryReport>>[]
        {
            progress => replay.EntitiesAsync(progress, CancellationToken.None),
            progress => replay.InspectorsAsync(progress, CancellationToken.None),
        })
        {
            var report = await Error.Status().StartAsync("replaying…", async context =>
                await verify(new Progress<long>(done => context.Status($"replaying… {done:N0} events"))));
            Out.MarkupLineInterpolated($"{report.Directory}: {report.Streams:N0} streams, {report.Events:N0} events, {report.Revisions:N0} revisions");
            if (report.Outcome == CheckOutcome.NotRun)
            {
                Out.MarkupLineInterpolated($"  [yellow]未作验证：名录为空 / not run: the {report.Directory} directory holds no streams[/]");
            }

            foreach (var finding in report.Findings)
            {
                Out.MarkupLineInterpolated($"  [red]{finding.StreamKey}[/] {finding.Detail}");
            }

            if (report.FindingCount > report.Findings.Count)
            {
                Out.MarkupLineInterpolated($"  … and {report.FindingCount - report.Findings.Count:N0} more");
            }

            outcomes.Add(report);
        }

        // Passes only when no directory differs and at least one had something to replay.
        var passed = outcomes.All(report => report.Intact) && outcomes.Any(report => report.Outcome == CheckOutcome.Pass);
        Out.MarkupLine(
            !outcomes.All(report => report.Intact) ? "[red]the directories differ from their events[/]"
            : passed ? "[green]directories match their events[/]"
            : "[yellow]未作验证：名录均为空 / not run: the directories hold no streams, so nothing was verified[/]");
        return passed;
    }
}
