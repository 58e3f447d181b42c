using FairDraw.Ledger;

namespace FairDraw.Api.Hosting;

/// <summary>The bytes and name of an uploaded file.</summary>
public sealed record UploadedFile(byte[] Content, string Name)
{
    /// <summary>
    /// Reads the file of a request: the "file" field of a multipart/form-data upload, or the raw body sent as text/csv
    /// (named <paramref name="defaultName"/>).
    /// </summary>
    public static async Task<UploadedFile> ReadAsync(HttpRequest request, string defaultName, CancellationToken cancellation)
    {
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
}
