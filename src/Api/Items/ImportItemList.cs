using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Items;

/// <summary>The query of an import: which list the file drafts.</summary>
public sealed class ImportTarget
{
    public string? Jurisdiction { get; set; }

    public string? Version { get; set; }

    public string? Title { get; set; }
}

public static class ImportItemListEndpoint
{
    /// <summary>
    /// Drafts a new list version from a CSV file (docs/item-list-format.md), sent as a text/csv body or as the "file"
    /// field of a multipart/form-data upload. Any bad line rejects the whole file and nothing is written.
    /// </summary>
    [WolverinePost("/api/item-lists/import", Name = "ImportItemList")]
    public static async Task<IResult> Post([AsParameters] ImportTarget target, HttpRequest request, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var actor = user.ToActor();
        var id = ItemListDecisions.AuthorizeDraft(target.Jurisdiction, target.Version, actor);
        var file = await UploadedFile.ReadAsync(request, "item-list.csv", request.HttpContext.RequestAborted);
        var events = await DecideAsync(session, id, target.Title, file, actor, clock.GetCurrentInstant());
        var version = await StreamAppend.AppendAsync(session, id.StreamKey, 0, events);
        return Results.Created(ItemListReads.Location(id), ItemListWritten.For(id, version));
    }

    /// <summary>Reads and validates the whole file and decides the draft it makes; writes nothing.</summary>
    public static async Task<IReadOnlyList<object>> DecideAsync(IQuerySession session, ItemListId id, string? title, UploadedFile file, Actor actor, Instant now)
    {
        var content = ItemListCsv.Read(file.Content, file.Name);
        var current = await ItemListReads.CurrentAsync(session, id);
        var command = new DraftItemList(id.Jurisdiction.Value, id.Version, title, content.Categories, content.Items);
        return ItemListDecisions.Draft(command, current?.ToState(), actor, now);
    }
}
