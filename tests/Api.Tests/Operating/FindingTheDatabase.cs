using System.Net;
using System.Net.Sockets;
using FairDraw.Api.Hosting;
using FairDraw.Api.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace FairDraw.Api.Tests.Operating;

/// <summary>The command line finds the embedded PostgreSQL where the scripts started it: on FAIRDRAW_PG_PORT.</summary>
[Collection(nameof(OperatingCollection))]
public sealed class FindingTheDatabase(OperatingHost fixture)
{
    [Fact]
    public async Task Without_FAIRDRAW_DATABASE_the_cli_connects_to_the_embedded_server_on_FAIRDRAW_PG_PORT()
    {
        Assert.Equal("Host=127.0.0.1;Port=55432;Username=postgres;Database=fairdraw", Settings([]).ConnectionString);
        Assert.Equal(
            "Host=127.0.0.1;Port=55433;Username=postgres;Database=fairdraw",
            Settings(new() { ["FAIRDRAW_PG_PORT"] = "55433" }).ConnectionString);
        var malformed = Assert.Throws<InvalidOperationException>(() => Settings(new() { ["FAIRDRAW_PG_PORT"] = "5543x" }));
        Assert.Contains("FAIRDRAW_PG_PORT", malformed.Message);

        // A verb, as its own process: a port nothing listens on shows in its connection failure.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var unused = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var environment = new Dictionary<string, string?>(CommandLine.HostEnvironment(fixture))
        {
            ["FAIRDRAW_DATABASE"] = null,
            ["ConnectionStrings__Ledger"] = null,
            ["FAIRDRAW_PG_PORT"] = unused.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var run = await CommandLine.RunApiAsync(AppContext.BaseDirectory, environment, "verify-ledger", "--key", fixture.VerifierKey);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"127.0.0.1:{unused}", run.StandardError);
    }

    private static LedgerSettings Settings(Dictionary<string, string?> values) =>
        LedgerSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
