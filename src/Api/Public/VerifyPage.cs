using System.Text.RegularExpressions;
using FairDraw.Api.Draws;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace FairDraw.Api.Public;

/// <summary>
/// The verification page (验证页) of the portal (<see cref="PortalPages"/>), and the files of the independent JavaScript
/// verifier it runs, served as they are from verifier/ (it imports @noble/hashes, its drand check @noble/curves, both served
/// from verifier/node_modules after `npm ci`).
/// </summary>
public static partial class VerifyPage
{
    private static readonly Lazy<byte[]> PageScript = new(() => PortalPages.Resource("verify.js"));
    private static readonly Lazy<byte[]> Verifier = new(() => PortalPages.Resource("draw-verifier.mjs"));
    private static readonly Lazy<byte[]> LogConsistency = new(() => PortalPages.Resource("log-consistency.mjs"));
    private static readonly Lazy<byte[]> DrandVerifier = new(() => PortalPages.Resource("drand.mjs"));
    private static readonly Lazy<byte[]> EntityProof = new(() => PortalPages.Resource("entity-proof.mjs"));
    private static readonly Lazy<byte[]> Tickets = new(() => PortalPages.Resource("tickets.mjs"));
    private static readonly Lazy<byte[]> DrandChains = new(() => PortalPages.Resource("drand-chains.json"));

    /// <summary>The verification page (中文/English) for one task's draw; the visitor's browser recomputes the draw itself.</summary>
    [AllowAnonymous]
    [WolverineGet("/verify/{taskId}", Name = "VerifyDrawPage")]
    public static IResult Get(string taskId) => PortalPages.Page("/verify/assets/verify.js", "摇号核验");

    /// <summary>The verification page's script: fetches the evidence bundle and runs the verifier on it.</summary>
    [AllowAnonymous]
    [WolverineGet("/verify/assets/verify.js", Name = "VerifyPageScript")]
    public static IResult Script() => Results.Bytes(PageScript.Value, "text/javascript; charset=utf-8");

    /// <summary>The independent JavaScript verifier, as the repository's verifier/draw-verifier.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/draw-verifier.mjs", Name = "DrawVerifierScript")]
    public static IResult VerifierScript() => Results.Bytes(Verifier.Value, "text/javascript; charset=utf-8");

    /// <summary>The ledger page's RFC 6962 consistency check, as the repository's verifier/log-consistency.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/log-consistency.mjs", Name = "LogConsistencyScript")]
    public static IResult LogConsistencyScript() => Results.Bytes(LogConsistency.Value, "text/javascript; charset=utf-8");

    /// <summary>The verifier's drand check (BLS12-381 with @noble/curves), as the repository's verifier/drand.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/drand.mjs", Name = "DrandVerifierScript")]
    public static IResult DrandScript() => Results.Bytes(DrandVerifier.Value, "text/javascript; charset=utf-8");

    /// <summary>The per-entity check (one entity's draw, without the pool), as the repository's verifier/entity-proof.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/entity-proof.mjs", Name = "EntityProofScript")]
    public static IResult EntityProofScript() => Results.Bytes(EntityProof.Value, "text/javascript; charset=utf-8");

    /// <summary>
    /// The verifier's tickets and their order, as the repository's verifier/tickets.mjs: imported by draw-verifier.mjs and
    /// started as the module workers that rank the matching's inspectors on other cores.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/tickets.mjs", Name = "VerifierTicketsScript")]
    public static IResult TicketsScript() => Results.Bytes(Tickets.Value, "text/javascript; charset=utf-8");

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
}
