using FairDraw.Api.Hosting;
using FairDraw.Ledger;
using FairDraw.Projections.Integrity;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

[Description("Verifies the whole ledger: chains, Merkle log, checkpoint signatures; exits non-zero on any finding", Name = "verify-ledger")]
public sealed class VerifyLedgerCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        await LedgerDatabase.RequireMigratedAsync(services, CancellationToken.None);
        var verifier = services.GetRequiredService<LedgerVerifier>();

        var report = await Error.Status().StartAsync("verifying…", async context =>
            await verifier.VerifyAsync(new Progress<long>(done => context.Status($"verifying… {done:N0} events")), CancellationToken.None));

        Out.MarkupLineInterpolated(
            $"{report.Events:N0} events in {report.Streams:N0} streams; {report.Leaves:N0} leaves, {report.Checkpoints:N0} checkpoints (signed size {report.SignedTreeSize:N0}); {report.EventsNotYetLogged:N0} events not yet logged");
        foreach (var finding in report.Findings)
        {
            Out.MarkupLineInterpolated($"[red]{finding.Kind}[/] {finding.StreamKey} v{finding.Version} seq {finding.Sequence}: {finding.Detail}");
        }

        Out.MarkupLine(report.Outcome switch
        {
            CheckOutcome.Pass => "[green]ledger intact[/]",
            CheckOutcome.NotRun => "[yellow]未作验证：账本中没有事件 / not run: the ledger holds no events, so nothing was verified[/]",
            _ => $"[red]{report.Findings.Count} finding(s)[/]",
        });
        return report.Outcome == CheckOutcome.Pass;
    }
}
