using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static FairDraw.Api.Commands.VerbConsole;

namespace FairDraw.Api.Commands;

[Description("Creates the signing keys once, in the configured key folder (owner-only); keeps keys that exist", Name = "init-keys")]
public sealed class InitKeysCommand : JasperFxCommand<NetCoreInput>
{
    public override bool Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var directory = host.Services.GetRequiredService<LedgerSettings>().KeyDirectory;
        var created = SigningKeys.Initialise(directory);
        Out.MarkupLineInterpolated(
            $"signing keys in {directory}: {(created.Count == 0 ? "present, kept" : "created " + string.Join(", ", created))}");
        return true;
    }
}
