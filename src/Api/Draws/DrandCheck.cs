using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Draws;

/// <summary>The drand check cannot run (no Node, or verifier/'s dependency not installed): 503, never a silent pass.</summary>
public sealed class DrandCheckUnavailableException(string message) : Exception(message);

/// <summary>
/// Verifies drand values against their chain's key (BLS12-381) by running the JavaScript verifier's check
/// (verifier/drand-check.mjs, @noble/curves) under Node: no .NET BLS library is served, and one check in one place
/// serves the server, the bundle verifier and the public page alike. <c>Ledger:Node</c> names the node program
/// (default: node on PATH), <c>Ledger:VerifierDirectory</c> the verifier folder (default: the project's verifier/).
/// </summary>
public sealed class DrandCheck(string node, string verifierDirectory)
{
    /// <summary>The verifier folder, whose node_modules the public page's import map also points at.</summary>
    public string VerifierDirectory => verifierDirectory;

    public static DrandCheck From(IConfiguration configuration) => new(
        configuration["Ledger:Node"] is { Length: > 0 } node ? node : "node",
        configuration["Ledger:VerifierDirectory"] is { Length: > 0 } folder ? folder : ProjectVerifier());

    /// <summary>Refuses the first value whose signature or previous signature does not verify (400 naming its member).</summary>
    public async Task RequireAsync(IReadOnlyList<DrandClaim> claims, CancellationToken cancellation)
    {
        if (claims.Count == 0)
        {
            return;
        }

        var results = await RunAsync(claims, cancellation);
        for (var i = 0; i < claims.Count; i++)
        {
            if (results[i] is { } refusal)
            {
                throw DomainException.Invalid(
                    $"{claims[i].Field}.{refusal.Field}",
                    $"drand {claims[i].Chain.Name}第{claims[i].Round}轮的签名未通过链公钥验证 / {refusal.Reason}");
            }
        }
    }

    private sealed record Refusal(string Field, string Reason);

    private sealed record Answer(IReadOnlyList<Refusal?> Results);

    private async Task<IReadOnlyList<Refusal?>> RunAsync(IReadOnlyList<DrandClaim> claims, CancellationToken cancellation)
    {
        var script = Path.Combine(verifierDirectory, "drand-check.mjs");
        if (!File.Exists(script) || !Directory.Exists(Path.Combine(verifierDirectory, "node_modules", "@noble", "curves")))
        {
            throw new DrandCheckUnavailableException(
                $"drand签名无法核验：{verifierDirectory}缺少drand-check.mjs或其依赖，请在该目录运行npm ci / the drand check cannot run: {verifierDirectory} lacks drand-check.mjs or its dependency; run npm ci there");
        }

        var start = new ProcessStartInfo(node, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = verifierDirectory,
        };
        using var process = StartOrExplain(start);
        var input = JsonSerializer.Serialize(new
        {
            values = claims.Select(claim => new
            {
                chain = claim.Chain.Name, round = claim.Round, signature = claim.Signature, previousSignature = claim.PreviousSignature,
            }),
        });
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellation);
        var answer = process.ExitCode == 0 ? JsonSerializer.Deserialize<Answer>(await output, JsonSerializerOptions.Web) : null;
        return answer?.Results is { } results && results.Count == claims.Count
            ? results
            : throw new DrandCheckUnavailableException($"drand签名核验程序出错 / the drand check failed (exit {process.ExitCode}): {(await errors).Trim()}");
    }

    private Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new DrandCheckUnavailableException($"could not start {node}");
        }
        catch (Win32Exception missing)
        {
            throw new DrandCheckUnavailableException(
                $"drand签名无法核验：找不到Node（{node}），请安装Node或设置Ledger:Node / the drand check cannot run: no Node at '{node}' ({missing.Message}); install Node or set Ledger:Node");
        }
    }

    /// <summary>The project's verifier/, found from the program's folder as the key folder is (the project holds Ledger.sln).</summary>
    private static string ProjectVerifier()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Ledger.sln")))
            {
                return Path.Combine(folder.FullName, "verifier");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "verifier"); // outside the project: set Ledger:VerifierDirectory
    }
}
