using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FairDraw.Api.Draws;
using FairDraw.Api.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace FairDraw.Api.Public;

/// <summary>
/// The public verification page (一公开): anyone opens /verify/{taskId}, and their own browser downloads the evidence
/// bundle and recomputes the draw with the independent JavaScript verifier, served as is from verifier/ (it imports
/// @noble/hashes, its drand check @noble/curves, both served from verifier/node_modules after `npm ci`). The page is
/// static: its script and style are files of their own, as the Content-Security-Policy requires
/// (<see cref="SecurityHeaders"/>); its one inline element is the import map that resolves @noble's bare specifiers,
/// allowed by its hash (<see cref="Policy"/>), and the script writes what it did not author as text.
/// </summary>
public static partial class VerifyPage
{
    private static readonly Lazy<byte[]> Page = new(() => Resource("verify.html"));
    private static readonly Lazy<byte[]> PageScript = new(() => Resource("verify.js"));
    private static readonly Lazy<byte[]> PageStyle = new(() => Resource("verify.css"));
    private static readonly Lazy<byte[]> Verifier = new(() => Resource("draw-verifier.mjs"));
    private static readonly Lazy<byte[]> DrandVerifier = new(() => Resource("drand.mjs"));
    private static readonly Lazy<byte[]> EntityProof = new(() => Resource("entity-proof.mjs"));
    private static readonly Lazy<byte[]> DrandChains = new(() => Resource("drand-chains.json"));

    /// <summary>
    /// The page's Content-Security-Policy: the site's (<see cref="SecurityHeaders.Policy"/>) with the SHA-256 of the
    /// page's import map added to script-src, so that element alone of the inline ones runs.
    /// </summary>
    public static string Policy { get; } = SecurityHeaders.Policy.Replace(
        "script-src 'self'",
        $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ImportMap())))}'",
        StringComparison.Ordinal);

    /// <summary>The verification page (中文/English) for one task's draw; the visitor's browser recomputes the draw itself.</summary>
    [AllowAnonymous]
    [WolverineGet("/verify/{taskId}", Name = "VerifyDrawPage")]
    public static IResult Get(string taskId) => Results.Bytes(Page.Value, "text/html; charset=utf-8");

    /// <summary>The verification page's script: fetches the evidence bundle and runs the verifier on it.</summary>
    [AllowAnonymous]
    [WolverineGet("/verify/assets/verify.js", Name = "VerifyPageScript")]
    public static IResult Script() => Results.Bytes(PageScript.Value, "text/javascript; charset=utf-8");

    /// <summary>The verification page's style sheet.</summary>
    [AllowAnonymous]
    [WolverineGet("/verify/assets/verify.css", Name = "VerifyPageStyle")]
    public static IResult Style() => Results.Bytes(PageStyle.Value, "text/css; charset=utf-8");

    /// <summary>The independent JavaScript verifier, as the repository's verifier/draw-verifier.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/draw-verifier.mjs", Name = "DrawVerifierScript")]
    public static IResult VerifierScript() => Results.Bytes(Verifier.Value, "text/javascript; charset=utf-8");

    /// <summary>The verifier's drand check (BLS12-381 with @noble/curves), as the repository's verifier/drand.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/drand.mjs", Name = "DrandVerifierScript")]
    public static IResult DrandScript() => Results.Bytes(DrandVerifier.Value, "text/javascript; charset=utf-8");

    /// <summary>The per-entity check (one entity's draw, without the pool), as the repository's verifier/entity-proof.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/entity-proof.mjs", Name = "EntityProofScript")]
    public static IResult EntityProofScript() => Results.Bytes(EntityProof.Value, "text/javascript; charset=utf-8");

    /// <summary>The drand chains the verifier checks against (hash, public key, scheme, genesis, period): verifier/drand-chains.json.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/drand-chains.json", Name = "DrandChainTable")]
    public static IResult Chains() => Results.Bytes(DrandChains.Value, "application/json");

    /// <summary>
    /// A module of the verifier's dependencies (@noble/hashes and @noble/curves), as `npm ci` installed them in
    /// verifier/node_modules at the versions verifier/package-lock.json pins; 404 for any other path.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/node_modules/@noble/{package}/{**path}", Name = "DrandVerifierDependency")]
    public static IResult Dependency(string package, string path, DrandCheck drand)
    {
        if (package is not ("curves" or "hashes") || !ModulePath().IsMatch(path))
        {
            return Results.NotFound();
        }

        var file = Path.Combine(drand.VerifierDirectory, "node_modules", "@noble", package, path);
        return File.Exists(file) ? Results.File(file, "text/javascript; charset=utf-8") : Results.NotFound();
    }

    /// <summary>A module file of the package, at most one folder deep ("abstract/bls.js"): no other file, no "..".</summary>
    [GeneratedRegex("^([a-z0-9_-]+/)?[a-z0-9_-]+\\.js$")]
    private static partial Regex ModulePath();

    private static string ImportMap()
    {
        var page = Encoding.UTF8.GetString(Page.Value);
        const string Open = "<script type=\"importmap\">";
        var start = page.IndexOf(Open, StringComparison.Ordinal) + Open.Length;
        return page[start..page.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
