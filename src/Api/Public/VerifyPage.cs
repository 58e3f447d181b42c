using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace FairDraw.Api.Public;

/// <summary>
/// The public verification page (一公开): anyone opens /verify/{taskId}, and their own browser downloads the evidence
/// bundle and recomputes the draw with the independent JavaScript verifier (WebCrypto), served as is from verifier/.
/// The page is static: its script and style are files of their own, as the Content-Security-Policy requires
/// (<see cref="Hosting.SecurityHeaders"/>), and the script writes what it did not author as text.
/// </summary>
public static class VerifyPage
{
    private static readonly Lazy<byte[]> Page = new(() => Resource("verify.html"));
    private static readonly Lazy<byte[]> PageScript = new(() => Resource("verify.js"));
    private static readonly Lazy<byte[]> PageStyle = new(() => Resource("verify.css"));
    private static readonly Lazy<byte[]> Verifier = new(() => Resource("draw-verifier.mjs"));

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

    /// <summary>The independent JavaScript verifier (WebCrypto only), as the repository's verifier/draw-verifier.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/draw-verifier.mjs", Name = "DrawVerifierScript")]
    public static IResult VerifierScript() => Results.Bytes(Verifier.Value, "text/javascript; charset=utf-8");

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
