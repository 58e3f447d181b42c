using System.IO.Compression;
using System.Net;
using Alba;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Public;

/// <summary>
/// What a browser downloads to verify a draw comes compressed when it asks (Accept-Encoding): the evidence bundle, the
/// verifier's scripts and the @noble/hashes modules they import; each decompresses to exactly what is served plain.
/// Each row calls from an address of its own (the evidence is a heavy read, limited per address).
/// </summary>
[Collection(nameof(PublicPageCollection))]
public sealed class CompressingTheVerifier(PublicPageHost fixture)
{
    [Theory]
    [InlineData("/api/tasks/" + DrawHost.TaskId + "/draw/evidence", "br", "198.51.100.21")]
    [InlineData("/api/tasks/" + DrawHost.TaskId + "/draw/evidence", "gzip", "198.51.100.22")]
    [InlineData("/verifier/draw-verifier.mjs", "br", "198.51.100.23")]
    [InlineData("/verifier/drand.mjs", "gzip", "198.51.100.24")]
    [InlineData("/verifier/node_modules/@noble/hashes/sha2.js", "br", "198.51.100.25")]
    [InlineData("/verifier/node_modules/@noble/hashes/hmac.js", "gzip", "198.51.100.26")]
    public async Task What_the_page_downloads_is_compressed_when_asked(string url, string encoding, string address)
    {
        var plain = await GetAsync(url, address, encoding: null);
        var compressed = await GetAsync(url, address, encoding);

        Assert.Empty(plain.Context.Response.Headers.ContentEncoding.ToArray());
        Assert.Equal(encoding, compressed.Context.Response.Headers.ContentEncoding.ToString());
        var plainBytes = await BodyAsync(plain);
        var compressedBytes = await BodyAsync(compressed);
        Assert.True(compressedBytes.Length < plainBytes.Length, $"{compressedBytes.Length} of {plainBytes.Length} bytes");
        await using Stream decompressing = encoding == "br"
            ? new BrotliStream(new MemoryStream(compressedBytes), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressedBytes), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        await decompressing.CopyToAsync(inflated);
        Assert.Equal(plainBytes, inflated.ToArray());
        if (url.EndsWith("/evidence", StringComparison.Ordinal))
        {
            var bundle = System.Text.Encoding.UTF8.GetString(plainBytes);
            Assert.Contains("\"format\":\"fair-draw-evidence/1\"", bundle, StringComparison.Ordinal);
        }
    }

    private Task<IScenarioResult> GetAsync(string url, string address, string? encoding) => fixture.Ledger.Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.ConfigureHttpContext(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address));
        if (encoding is not null)
        {
            s.WithRequestHeader("Accept-Encoding", encoding);
        }

        s.StatusCodeShouldBeOk();
    });

    private static async Task<byte[]> BodyAsync(IScenarioResult result)
    {
        using var copy = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(copy);
        return copy.ToArray();
    }
}
