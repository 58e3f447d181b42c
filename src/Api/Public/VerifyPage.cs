using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace FairDraw.Api.Public;

/// <summary>
/// The public verification page (一公开): anyone opens /verify/{taskId}, and their own browser downloads the evidence
/// bundle and recomputes the draw with the independent JavaScript verifier (WebCrypto), served as is from verifier/.
/// </summary>
public static class VerifyPage
{
    private static readonly Lazy<byte[]> Page = new(() => Resource("verify.html"));
    private static readonly Lazy<byte[]> Verifier = new(() => Resource("draw-verifier.mjs"));

    /// <summary>The verification page (中文/English) for one task's draw; the visitor's browser recomputes the draw itself.</summary>
    [AllowAnonymous]
    [WolverineGet("/verify/{taskId}", Name = "VerifyDrawPage")]
    public static IResult Get(string taskId) => Results.Bytes(Page.Value, "text/html; charset=utf-8");

    /// <summary>The independent JavaScript verifier (WebCrypto only), as the repository's verifier/draw-verifier.mjs.</summary>
    [AllowAnonymous]
    [WolverineGet("/verifier/draw-verifier.mjs", Name = "DrawVerifierScript")]
    public static IResult Script() => Results.Bytes(Verifier.Value, "text/javascript; charset=utf-8");

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
