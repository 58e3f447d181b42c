using FairDraw.Ledger;
using Microsoft.AspNetCore.Http.Features;

namespace FairDraw.Api.Csv;

/// <summary>
/// An uploaded file and its name. Its content is a seekable stream (a spool file on disk for an upload), so that an import
/// can read it twice — once to check it, once to write it — without ever holding it in memory. Dispose it when done.
/// </summary>
public sealed class UploadedFile(Stream content, string name) : IAsyncDisposable
{
    private const int SpoolBuffer = 1 << 16;

    public Stream Content { get; } = content;

    public string Name { get; } = name;

    /// <summary>
    /// Reads the file of a request into a spool file that is deleted when disposed: the "file" field of a
    /// multipart/form-data upload, or the raw body sent as text/csv (named <paramref name="defaultName"/>). The request
    /// may be up to <paramref name="maxBytes"/> long, above the server's limit for every other request (Kestrel's
    /// 30,000,000 bytes); a longer one fails with 413.
    /// </summary>
    public static async Task<UploadedFile> ReadAsync(HttpRequest request, string defaultName, long maxBytes, CancellationToken cancellation)
    {
        AllowBodyOf(request, maxBytes);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellation);
            var file = form.Files.GetFile("file")
                ?? throw DomainException.Invalid("file", "上传表单缺少“file”字段 / the upload has no 'file' field");
            await using var source = file.OpenReadStream();
            return await SpoolAsync(source, file.FileName, cancellation);
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            return await SpoolAsync(request.Body, defaultName, cancellation);
        }

        throw DomainException.Invalid("Content-Type", "请以text/csv正文或multipart/form-data的“file”字段上传 / send the file as a text/csv body or as the 'file' field of multipart/form-data");
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    private static async Task<UploadedFile> SpoolAsync(Stream source, string name, CancellationToken cancellation)
    {
        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), $"fairdraw-upload-{Path.GetRandomFileName()}"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, SpoolBuffer, FileOptions.DeleteOnClose);
        try
        {
            await source.CopyToAsync(spool, cancellation);
            spool.Position = 0;
            return new UploadedFile(spool, name);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sets this request's body limit to <paramref name="maxBytes"/> (before anything reads the body), and the multipart
    /// limit (128 MiB by default) to the same, so that a form upload is bounded by the body limit alone.
    /// </summary>
    private static void AllowBodyOf(HttpRequest request, long maxBytes)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        if (request.HasFormContentType)
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = maxBytes }));
        }
    }
}
