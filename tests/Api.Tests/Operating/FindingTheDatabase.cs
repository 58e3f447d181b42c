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
        Assert.Equal("Host=127.0.0.1;Port=55432;Username=fairdraw_app;Database=fairdraw", Settings([]).ConnectionString);
        var onPort = Settings(new() { ["FAIRDRAW_PG_PORT"] = "55433" });
        Assert.Equal("Host=127.0.0.1;Port=55433;Username=fairdraw_app;Database=fairdraw", onPort.ConnectionString);
        Assert.Equal("Host=127.0.0.1;Port=55433;Username=fairdraw_owner;Database=fairdraw", onPort.OwnerConnectionString);
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

    [Fact]
    public async Task Beside_another_server_the_owner_is_FAIRDRAW_OWNER_DATABASE_and_migrate_stops_without_it()
    {
        var elsewhere = new Dictionary<string, string?> { ["FAIRDRAW_DATABASE"] = "Host=db.example;Username=app;Database=ledger" };
        Assert.Null(Settings(elsewhere).OwnerConnectionString);
        Assert.Equal(
            "Host=db.example;Username=owner;Database=ledger",
            Settings(new(elsewhere) { ["FAIRDRAW_OWNER_DATABASE"] = "Host=db.example;Username=owner;Database=ledger" }).OwnerConnectionString);

        var environment = new Dictionary<string, string?>(CommandLine.HostEnvironment(fixture)) { ["FAIRDRAW_OWNER_DATABASE"] = null };
        var migrate = await CommandLine.RunApiAsync(AppContext.BaseDirectory, environment, "migrate");
        Assert.NotEqual(0, migrate.ExitCode);
        Assert.Contains("FAIRDRAW_OWNER_DATABASE", migrate.StandardError);
    }

    private static LedgerSettings Settings(Dictionary<string, string?> values) =>
        LedgerSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
