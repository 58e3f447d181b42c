using FairDraw.Api.Hosting;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

public sealed class VerifyLedgerInput : NetCoreInput
{
    [Description("The log's verifier key (public: verifierKey of GET /api/ledger/checkpoint), or @FILE holding it")]
    public string KeyFlag { get; set; } = "";

    [Description("Trusted checkpoints, one flag for all: each a file with a signed note, a witness's log record or state folder, or a folder of notes")]
    public string[] TrustedFlag { get; set; } = [];
}

/// <summary>Verifies the ledger from public material only: it never reads the signing keys (SigningKeys.MissingFor).</summary>
[Description("Verifies the whole ledger against a verifier key and trusted checkpoints; exits non-zero on any finding", Name = "verify-ledger")]
public sealed class VerifyLedgerCommand : JasperFxAsyncCommand<VerifyLedgerInput>
{
    public override async Task<bool> Execute(VerifyLedgerInput input)
    {
        string verifierKey;
        try
        {
            verifierKey = input.KeyFlag.StartsWith('@') ? (await File.ReadAllTextAsync(input.KeyFlag[1..])).Trim() : input.KeyFlag;
            if (verifierKey.Length == 0)
            {
                throw new CheckpointException("pass --key VKEY or --key @FILE, the verifierKey of GET /api/ledger/checkpoint");
            }

            CheckpointVerifier.KeyName(verifierKey);
        }
        catch (Exception error) when (error is CheckpointException or IOException)
        {
            Error.MarkupLineInterpolated($"[red]未提供有效的验证公钥 / no usable verifier key[/]: {error.Message}");
            return false;
        }

        var trusted = TrustedCheckpoints.Load(input.TrustedFlag, verifierKey);
        foreach (var ignored in trusted.Ignored)
        {
            Out.MarkupLineInterpolated($"[yellow]忽略的可信检查点 / trusted checkpoint ignored[/] {ignored}");
        }

        using var host = input.BuildHost();
        var services = host.Services;
        await LedgerDatabase.RequireMigratedAsync(services, CancellationToken.None);
        var verifier = new LedgerVerifier(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<LedgerSettings>().Schema, verifierKey);
        var report = await Error.Status().StartAsync("verifying…", async context =>
            await verifier.VerifyAsync(trusted.Checkpoints, new Progress<long>(done => context.Status($"verifying… {done:N0} events")), CancellationToken.None));

        Out.MarkupLineInterpolated(
            $"{report.Events:N0} events in {report.Streams:N0} streams; {report.Leaves:N0} leaves, {report.Checkpoints:N0} checkpoints (signed size {report.SignedTreeSize:N0}); {report.EventsNotYetLogged:N0} events not yet logged; {report.TrustedCheckpoints:N0} trusted checkpoints");
        foreach (var finding in report.Findings)
        {
            Out.MarkupLineInterpolated($"[red]{finding.Kind}[/] {finding.StreamKey} v{finding.Version} seq {finding.Sequence} checkpoint {finding.TreeSize}: {finding.Detail}");
        }

        foreach (var notChecked in report.NotChecked)
        {
            Out.MarkupLineInterpolated($"[yellow]{notChecked}[/]");
        }

        Out.MarkupLine(report.Outcome switch
        {
            CheckOutcome.Pass => "[green]ledger intact[/]",
            CheckOutcome.NotRun when report.Events == 0 => "[yellow]未作验证：账本中没有事件 / not run: the ledger holds no events, so nothing was verified[/]",
            CheckOutcome.NotRun => "[yellow]未作验证：没有事件在签名检查点内 / not run: no signed checkpoint covers the ledger's events, so nothing was verified against a signature[/]",
            _ => $"[red]{report.Findings.Count} finding(s)[/]",
        });
        return report.Outcome == CheckOutcome.Pass;
    }
}
