using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Entities;

public static class ImportEntitiesEndpoint
{
    /// <summary>
    /// Imports a CSV file of entities (registrar). Send the file as the raw body (Content-Type text/csv) or as the
    /// "file" field of a multipart form. Any bad line rejects the whole file (400, every line listed); nothing is written.
    /// </summary>
    [WolverinePost("/api/entities/import", Name = "ImportEntities")]
    public static async Task<ImportSummary> Post(HttpRequest request, ClaimsPrincipal user, IDocumentStore store, IClock clock, CancellationToken cancellation)
    {
        var actor = user.ToActor();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellation);
            var file = form.Files.GetFile("file")
                ?? throw DomainException.Invalid("file", "请在表单字段file中上传CSV文件 / upload the CSV file in the form field 'file'");
            await using var upload = file.OpenReadStream();
            return await EntityImport.RunAsync(store, upload, file.FileName, actor, clock.GetCurrentInstant(), null, cancellation);
        }

        // The body is buffered so that a reader never blocks the request thread on synchronous I/O.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellation);
        buffer.Position = 0;
        return await EntityImport.RunAsync(store, buffer, "upload.csv", actor, clock.GetCurrentInstant(), null, cancellation);
    }
}
