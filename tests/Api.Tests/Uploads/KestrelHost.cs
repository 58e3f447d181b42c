using System.Net;
using System.Net.Sockets;
using FairDraw.Api.Access;
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
/// The API on a real Kestrel server, in a schema of its own (or beside another host in its schema, sharing its keys).
/// Used without arguments it is the uploads' host (the test server of the other collections enforces no request body
/// limit): its server-wide body limit is lowered to <see cref="ServerLimit"/> bytes and the imports' to
/// <see cref="ImportLimit"/>, so that tests show which endpoints keep the server's limit and which raise it without
/// uploading hundreds of megabytes.
/// </summary>
public class KestrelHost : IAsyncLifetime
{
    public const long ServerLimit = 64 * 1024;
    public const long ImportLimit = 256 * 1024;

    private readonly string _schema;
    private readonly string _keyDirectory;
    private readonly bool _ownsKeys;
    private readonly Factory _factory;
    private readonly int _port = FreePort();

    public KestrelHost()
        : this("test_uploads", new Dictionary<string, string> { ["Ledger:MaxUploadBytes"] = $"{ImportLimit}" }, null, ServerLimit)
    {
    }

    /// <param name="keyDirectory">The signing keys of the host that shares the schema; null for keys of its own.</param>
    protected KestrelHost(string schema, IReadOnlyDictionary<string, string> settings, string? keyDirectory, long? serverLimit = null)
    {
        _schema = schema;
        _ownsKeys = keyDirectory is null;
        _keyDirectory = keyDirectory ?? Path.Combine(Path.GetTempPath(), "fairdraw-tests-" + Guid.NewGuid().ToString("N"));

        // As Alba does: the entry point's JasperFx command runner starts the host instead of parsing the settings as verbs.
        JasperFxEnvironment.AutoStartHost = true;
        _factory = new Factory(schema, settings, _keyDirectory, serverLimit);
        _factory.UseKestrel(_port);
    }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The server's address, e.g. for a browser.</summary>
    public Uri Address => new($"http://127.0.0.1:{_port}");

    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        SigningKeys.Initialise(_keyDirectory);
        await LedgerHost.MigrateAsync(_schema, _keyDirectory);
        _factory.StartServer();
        Client = new HttpClient { BaseAddress = Address };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await _factory.DisposeAsync();
        if (_ownsKeys && Directory.Exists(_keyDirectory))
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

    private sealed class Factory(string schema, IReadOnlyDictionary<string, string> settings, string keyDirectory, long? serverLimit)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("FAIRDRAW_DATABASE", LedgerHost.ApplicationConnectionString);
            builder.UseSetting("Ledger:Schema", schema);
            builder.UseSetting("Ledger:KeyDirectory", keyDirectory);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (serverLimit is { } limit)
            {
                builder.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limit);
            }

            builder.ConfigureServices(services => services.DisableAllExternalWolverineTransports());
        }
    }
}

[CollectionDefinition(nameof(KestrelCollection))]
public sealed class KestrelCollection : ICollectionFixture<KestrelHost>;
