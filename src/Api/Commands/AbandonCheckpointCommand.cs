using System.Globalization;
using FairDraw.Api.Hosting;
using FairDraw.Projections.Integrity;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

/// <summary>
/// The operator's one way out of the signer's refusal (e.g. after a genuine restore from a backup): sets the kept
/// checkpoint aside, under a dated name in the key folder, so that the log takes the database's newest checkpoint this
/// key verifies instead. Never automatic: the new checkpoints contradict the abandoned one, which whoever holds it sees.
/// </summary>
[Description("Sets the signer's kept checkpoint aside, to sign on from the database as it is (after a restore)", Name = "abandon-checkpoint")]
public sealed class AbandonCheckpointCommand : JasperFxCommand<NetCoreInput>
{
    public override bool Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var folder = host.Services.GetRequiredService<LedgerSettings>().KeyDirectory;
        var kept = KeptCheckpointFile.In(folder);
        if (kept.Read() is not { } bytes)
        {
            Out.MarkupLineInterpolated($"no kept checkpoint in {folder}: nothing to abandon");
            return true;
        }

        var now = host.Services.GetRequiredService<IClock>().GetCurrentInstant();
        var aside = $"{kept.Path}.abandoned-{now.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        File.Move(kept.Path, aside);
        Out.MarkupLineInterpolated($"abandoned the kept checkpoint, now {aside}:");
        Out.WriteLine(System.Text.Encoding.UTF8.GetString(bytes));
        Out.MarkupLine(
            "the log now takes the database's newest checkpoint this key verifies (a running server at its next pass); "
            + "checkpoints signed from here on contradict the abandoned one: tell whoever holds it (witnesses, auditors)");
        return true;
    }
}
