using System.Net;
using System.Net.Sockets;
using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Wolverine;

namespace FairDraw.Api.Tests.Uploads;

/// <summary>
/// The API on a real Kestrel server (the test server of the other collections enforces no request body limit), in a
/// schema of its own. Its server-wide body limit is lowered to <see cref="ServerLimit"/> bytes and the imports' to
/// <see cref="ImportLimit"/>, so that tests show which endpoints keep the server's limit and which raise it without
/// uploading hundreds of megabytes.
/// </summary>
public sealed class KestrelHost : IAsyncLifetime
{
    public const long ServerLimit = 64 * 1024;
    public const long ImportLimit = 256 * 1024;

    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "fairdraw-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Factory _factory;
    private readonly int _port = FreePort();

    public KestrelHost()
    {
        // As Alba does: the entry point's JasperFx command runner starts the host instead of parsing the settings as verbs.
        JasperFxEnvironment.AutoStartHost = true;
        _factory = new Factory(_keyDirectory);
        _factory.UseKestrel(_port);
    }

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        SigningKeys.Initialise(_keyDirectory);
        _factory.StartServer();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await _factory.DisposeAsync();
        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }

    public string Token(Role role, string jurisdiction = "520100", string user = "tester") =>
        _factory.Services.GetRequiredService<TokenService>().Issue(user, user, role, DivisionCode.Parse(jurisdiction), Duration.FromHours(1));

    /// <summary>A loopback port free now (the factory's dynamic port binding does not tell the client the port it took).</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class Factory(string keyDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("FAIRDRAW_DATABASE", LedgerHost.ConnectionString);
            builder.UseSetting("Ledger:Schema", "test_uploads");
            builder.UseSetting("Ledger:KeyDirectory", keyDirectory);
            builder.UseSetting("Ledger:MaxUploadBytes", ImportLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ServerLimit);
            builder.ConfigureServices(services => services.DisableAllExternalWolverineTransports());
        }
    }
}

[CollectionDefinition(nameof(KestrelCollection))]
public sealed class KestrelCollection : ICollectionFixture<KestrelHost>;
