using FairDraw.Ledger;
using Microsoft.AspNetCore.Http.Features;

namespace FairDraw.Api.Hosting;

/// <summary>The bytes and name of an uploaded file.</summary>
public sealed record UploadedFile(byte[] Content, string Name)
{
    /// <summary>
    /// Reads the file of a request: the "file" field of a multipart/form-data upload, or the raw body sent as text/csv
    /// (named <paramref name="defaultName"/>). The request may be up to <paramref name="maxBytes"/> long, above the
    /// server's limit for every other request (Kestrel's 30,000,000 bytes); a longer one fails with 413.
    /// </summary>
    public static async Task<UploadedFile> ReadAsync(HttpRequest request, string defaultName, long maxBytes, CancellationToken cancellation)
    {
        AllowBodyOf(request, maxBytes);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellation);
            var file = form.Files.GetFile("file")
                ?? throw DomainException.Invalid("file", "上传表单缺少“file”字段 / the upload has no 'file' field");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellation);
            return new UploadedFile(buffer.ToArray(), file.FileName);
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellation);
            return new UploadedFile(buffer.ToArray(), defaultName);
        }

        throw DomainException.Invalid("Content-Type", "请以text/csv正文或multipart/form-data的“file”字段上传 / send the file as a text/csv body or as the 'file' field of multipart/form-data");
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
