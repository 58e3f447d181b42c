using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Api.Csv;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Items;

public static class ImportItemListEndpoint
{
    /// <summary>
    /// Drafts a new list version from a CSV file (docs/item-list-format.md), sent as a text/csv body or as the "file"
    /// field of a multipart/form-data upload, up to <see cref="LedgerSettings.MaxUploadBytes"/> (413 beyond). Any bad line
    /// rejects the whole file and nothing is written.
    /// </summary>
    [CsvUpload]
    [WolverinePost("/api/item-lists/import", Name = "ImportItemList")]
    public static async Task<Created<ItemListWritten>> Post(
        string? jurisdiction, string? version, string? title, HttpRequest request, ClaimsPrincipal user, IDocumentSession session, IClock clock, LedgerSettings settings)
    {
        var actor = user.ToActor();
        var id = ItemListDecisions.AuthorizeDraft(jurisdiction, version, actor);
        await using var file = await UploadedFile.ReadAsync(request, "item-list.csv", settings.MaxUploadBytes, request.HttpContext.RequestAborted);
        var events = await DecideAsync(session, id, title, file, actor, clock.GetCurrentInstant());
        var streamVersion = await StreamAppend.AppendAsync(session, id.StreamKey, read: null, events);
        return TypedResults.Created(ItemListReads.Location(id), ItemListWritten.For(id, streamVersion));
    }

    /// <summary>Reads and validates the whole file and decides the draft it makes; writes nothing.</summary>
    public static async Task<IReadOnlyList<object>> DecideAsync(IQuerySession session, ItemListId id, string? title, UploadedFile file, Actor actor, Instant now)
    {
        var content = ItemListCsv.Read(file);
        var current = await ItemListReads.CurrentAsync(session, id);
        var command = new DraftItemList(id.Jurisdiction.Value, id.Version, title, content.Categories, content.Items);
        return ItemListDecisions.Draft(command, current?.ToState(), actor, now);
    }
}
