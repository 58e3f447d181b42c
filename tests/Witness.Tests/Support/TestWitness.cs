using System.Text;
using Alba;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace FairDraw.Witness.Tests.Support;

/// <summary>
/// A witness set up as its README says (<c>init</c>, <c>trust</c>) in a temporary state folder, served in memory by
/// the program's own <see cref="WitnessServer"/>; <see cref="Restart"/> starts a new server on the same folder.
/// </summary>
public sealed class TestWitness : IAsyncDisposable
{
    public static readonly Instant Now = Instant.FromUtc(2026, 12, 4, 8, 0);

    private IAlbaHost? host;

    private TestWitness(string folder, string verifierKey) => (Folder, VerifierKey) = (folder, verifierKey);

    public string Folder { get; }

    public string VerifierKey { get; }

    public FakeClock Clock { get; } = new(Now);

    public CollectedLogs Logs { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public static async Task<TestWitness> Start(params TestLog[] trusted)
    {
        var folder = Path.Combine(Path.GetTempPath(), "witness-tests", Guid.NewGuid().ToString("N"), "state");
        var (code, key, error) = await Run("init", "--state", folder, "--name", "witness.example/test");
        Assert.True(code == 0, error);
        var witness = new TestWitness(folder, key.Trim());
        foreach (var log in trusted)
        {
            Assert.Equal(0, (await Run("trust", "--state", folder, "--origin", log.LogOrigin, "--log-key", log.VerifierKey)).Code);
        }

        await witness.Restart();
        return witness;
    }

    /// <summary>Runs a verb of the program as its command line would, capturing stdout and stderr.</summary>
    public static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WitnessCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public async Task Restart()
    {
        await StopServer();
        var builder = WitnessServer.CreateBuilder(Folder, Clock);
        builder.Logging.AddProvider(Logs);
        host = await AlbaHost.For(builder, WitnessServer.Map);
        Client = host.Server.CreateClient();
    }

    public async Task<HttpResponseMessage> Submit(string body) =>
        await Client.PostAsync(new Uri("/add-checkpoint", UriKind.Relative), new StringContent(body, Encoding.UTF8, "text/plain"));

    /// <summary>The log's record in the state folder, as a reader of the folder sees it (null before any cosignature).</summary>
    public string? Record(string origin)
    {
        var file = Path.Combine(Folder, "logs", StateId(origin) + ".json");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    public static string StateId(string origin) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(origin)))[..16];

    public string[] Evidence() => Directory.GetFiles(Path.Combine(Folder, "evidence"));

    public async ValueTask DisposeAsync()
    {
        await StopServer();
        Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
    }

    private async Task StopServer()
    {
        Client?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
