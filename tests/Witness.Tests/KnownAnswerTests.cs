using System.Net;
using System.Text;
using FairDraw.Witness.Tests.Support;
using NodaTime;

namespace FairDraw.Witness.Tests;

/// <summary>
/// The worked example of docs/ledger-integrity.md ("Witnesses") through the whole program: a witness whose
/// <c>witness.key</c> holds the seed of tests/Ledger.Tests/Integrity/CosignatureTests.cs, at its time, given the note
/// that OpenSSL signed (tests/Ledger.Tests/Integrity/CheckpointTestKey.cs), answers the line computed there with
/// Python's `cryptography`, independently of our code.
/// </summary>
public sealed class KnownAnswerTests
{
    private const string LogKey =
        "fairdraw.example/ledger+ede11730+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDyyCyJtCdx59+BbQ9QHt/YTF0wWpqxcI0ONDIISCxCC7YeuO4FRdK+7sdfXSE8QbSLOlEuASbCDKJVS3Bu1juY=";

    private const string Note = "fairdraw.example/ledger\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n\n"
        + "\u2014 fairdraw.example/ledger 7eEXMDBFAiAf2Qzvk3Cvmsqw1zeOMvD7DGYP7E3IWW+sTl91OCQ5YAIhAL222Hl4pAfbdJVBO/wmreEhSkoKZICsLFZ0m+qLlCTw\n";

    private const string Line = "\u2014 witness.example/discipline-office "
        + "YNe79gAAAABrE1QAlReJypq8I7PsPImt/ltb3+ccFChqZIV184uM9bLHSBK1xG40dEpZXwPdwddvcY3izQ00Ak3xbA/TJWjdtMpCAw==\n";

    [Fact]
    public async Task The_witness_answers_the_independent_vector()
    {
        var folder = Path.Combine(Path.GetTempPath(), "witness-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "witness.key"), """
                {"name": "witness.example/discipline-office",
                 "seed": "026f142cbb5d552772b446e6fc6db920f3ce1299e9957f328a2cc46e159b93b8"}
                """);
            Assert.Equal(0, (await TestWitness.Run("trust", "--state", folder, "--origin", "fairdraw.example/ledger", "--log-key", LogKey)).Code);
            var clock = new NodaTime.Testing.FakeClock(Instant.FromUnixTimeSeconds(1796428800));
            await using var host = await Alba.AlbaHost.For(WitnessServer.CreateBuilder(folder, clock), WitnessServer.Map);
            using var client = host.Server.CreateClient();

            using var response = await client.PostAsync(
                new Uri("/add-checkpoint", UriKind.Relative), new StringContent("old 0\n\n" + Note, Encoding.UTF8));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Line, await response.Content.ReadAsStringAsync());
            Assert.Equal("witness.example/discipline-office+60d7bbf6+BAyF0Ca3jxvA1uaY2HjKO8G497JkMbxoOIBgx+o1Odt9",
                (await TestWitness.Run("show", "--state", folder)).Output.Split('\n')[0]["witness ".Length..]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
