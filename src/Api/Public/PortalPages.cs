using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using FairDraw.Api.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace FairDraw.Api.Public;

/// <summary>
/// The public portal (一公开, no login): 首页, 任务页, 结果公示, 企业页, 账本页 and 验证页 share one layout (portal.html: header, nav,
/// language switch, footer), each page with its own module; the pages are static and read the public API from the
/// visitor's browser. Their one inline element is the import map that resolves @noble's bare specifiers for the
/// verifier, allowed by its hash (<see cref="Policy"/>); everything else is a file served here (no CDN).
/// </summary>
public static class PortalPages
{
    private static readonly Lazy<string> Shell = new(() => Encoding.UTF8.GetString(Resource("portal.html")));

    /// <summary>The portal's own files, by the name they are served under /portal/assets/, with their content types.</summary>
    private static readonly FrozenDictionary<string, (Lazy<byte[]> Bytes, string Type)> Assets = new Dictionary<string, (Lazy<byte[]>, string)>
    {
        ["portal.css"] = (new(() => Resource("portal.css")), "text/css; charset=utf-8"),
        ["i18n.mjs"] = (new(() => Resource("i18n.mjs")), "text/javascript; charset=utf-8"),
        ["portal.mjs"] = (new(() => Resource("portal.mjs")), "text/javascript; charset=utf-8"),
        ["home.mjs"] = (new(() => Resource("home.mjs")), "text/javascript; charset=utf-8"),
        ["task.mjs"] = (new(() => Resource("task.mjs")), "text/javascript; charset=utf-8"),
        ["results.mjs"] = (new(() => Resource("results.mjs")), "text/javascript; charset=utf-8"),
        ["ledger.mjs"] = (new(() => Resource("ledger.mjs")), "text/javascript; charset=utf-8"),
        ["entity.mjs"] = (new(() => Resource("entity.mjs")), "text/javascript; charset=utf-8"),
        ["summary.css"] = (new(() => Resource("summary.css")), "text/css; charset=utf-8"), // the year-end report's (Summary/)
        ["duty.mjs"] = (new(() => Resource("duty.mjs")), "text/javascript; charset=utf-8"),
        ["duty.css"] = (new(() => Resource("duty.css")), "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] Paths = ["/tasks", "/results", "/ledger", "/entities", "/verify", "/portal", "/duty"];

    /// <summary>
    /// The portal pages' Content-Security-Policy: the site's (<see cref="SecurityHeaders.Policy"/>) with the SHA-256 of
    /// the layout's import map added to script-src, so that element alone of the inline ones runs.
    /// </summary>
    public static string Policy { get; } = SecurityHeaders.Policy.Replace(
        "script-src 'self'",
        $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ImportMap())))}'",
        StringComparison.Ordinal);

    /// <summary>Whether a request is for a portal page or asset, which the portal's policy covers.</summary>
    public static bool Serves(PathString path) => path == "/" || Paths.Any(prefix => path.StartsWithSegments(prefix));

    /// <summary>首页: jurisdictions, item lists in force, filed plans and their tasks' draws, pending commitments, the newest checkpoint.</summary>
    [AllowAnonymous]
    [WolverineGet("/", Name = "PortalHome")]
    public static IResult Home() => Page("/portal/assets/home.mjs", "双随机抽查 公开账本");

    /// <summary>任务页: every round of one task's draw as recorded.</summary>
    [AllowAnonymous]
    [WolverineGet("/tasks/{taskId}", Name = "PortalTask")]
    public static IResult TaskPage(string taskId) => Page("/portal/assets/task.mjs", "抽查任务");

    /// <summary>结果公示: the published results, searchable by code or enterprise name.</summary>
    [AllowAnonymous]
    [WolverineGet("/results", Name = "PortalResults")]
    public static IResult PublishedResults() => Page("/portal/assets/results.mjs", "抽查结果公示");

    /// <summary>账本页: the newest checkpoint and the browser's own consistency check against the one it saw last time.</summary>
    [AllowAnonymous]
    [WolverineGet("/ledger", Name = "PortalLedger")]
    public static IResult Ledger() => Page("/portal/assets/ledger.mjs", "公开账本");

    /// <summary>企业页: every round whose frozen pool held the enterprise, each checked by its per-entity proof in the browser.</summary>
    [AllowAnonymous]
    [WolverineGet("/entities/{uscc}", Name = "PortalEntity")]
    public static IResult Entity(string uscc) => Page("/portal/assets/entity.mjs", "我的企业是否被抽中");

    /// <summary>A file of the portal's layout or pages; 404 for any other name.</summary>
    [AllowAnonymous]
    [WolverineGet("/portal/assets/{name}", Name = "PortalAsset")]
    public static IResult Asset(string name) =>
        Assets.TryGetValue(name, out var asset) ? Results.Bytes(asset.Bytes.Value, asset.Type) : Results.NotFound();

    /// <summary>The layout with the page's own module and its Chinese title (the module sets it in the visitor's language).</summary>
    public static IResult Page(string script, string title) => Results.Text(
        Shell.Value.Replace("PAGE_SCRIPT", script, StringComparison.Ordinal)
            .Replace("PAGE_TITLE", $"{title} · 双随机、一公开 · 公开账本", StringComparison.Ordinal),
        "text/html; charset=utf-8");

    private static string ImportMap()
    {
        const string Open = "<script type=\"importmap\">";
        var start = Shell.Value.IndexOf(Open, StringComparison.Ordinal) + Open.Length;
        return Shell.Value[start..Shell.Value.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    internal static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
