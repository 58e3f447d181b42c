using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Api.Csv;
using FairDraw.Api.Hosting;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Entities;

public static class ImportEntitiesEndpoint
{
    /// <summary>
    /// Imports a CSV file of entities (registrar). Send the file as the raw body (Content-Type text/csv) or as the
    /// "file" field of a multipart form, up to <see cref="LedgerSettings.MaxUploadBytes"/> (413 beyond). Any bad line
    /// rejects the whole file (400, every line listed); nothing is written.
    /// </summary>
    [CsvUpload]
    [WolverinePost("/api/entities/import", Name = "ImportEntities")]
    public static async Task<ImportSummary> Post(
        HttpRequest request, ClaimsPrincipal user, IDocumentStore store, IClock clock, LedgerSettings settings, CancellationToken cancellation)
    {
        var actor = user.ToActor();
        await using var file = await UploadedFile.ReadAsync(request, "entities.csv", settings.MaxUploadBytes, cancellation);
        return await EntityImport.RunAsync(store, file, actor, clock.GetCurrentInstant(), null, cancellation);
    }
}
