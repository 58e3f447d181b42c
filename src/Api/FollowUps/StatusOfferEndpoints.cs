using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Api.Entities;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.FollowUps;

/// <summary>An unanswered status offer, with the entity's name, jurisdiction and status in the directory now.</summary>
public sealed record StatusOfferListed(EntityStatusOffer Offer, string EntityName, DivisionCode Jurisdiction, EntityStatus CurrentStatus);

/// <summary>The unanswered status offers of the entities of a jurisdiction, in result key order.</summary>
public sealed record StatusOfferList(DivisionCode Jurisdiction, IReadOnlyList<StatusOfferListed> Offers);

/// <summary>
/// Status outcomes offered to the registrar (docs/events.md, "Status offers"): listed, then accepted through the
/// directory's status change or dismissed with a reason.
/// </summary>
public static class StatusOfferEndpoints
{
    /// <summary>
    /// The unanswered offers of the entities of a jurisdiction (default the caller's own; a city covers its districts):
    /// the registrar its own jurisdiction's, the auditor and the investigator any.
    /// </summary>
    [WolverineGet("/api/registrar/status-offers", Name = "ListStatusOffers")]
    public static async Task<StatusOfferList> List(string? jurisdiction, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var scope = FollowUpReading.Scope(user.ToActor(), jurisdiction, "查看状态变更提请 / read status offers", Role.Registrar);
        var results = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.StartsWith(StreamKeys.ResultPrefix))
            .OrderBy(e => e.StreamKey)
            .ThenBy(e => e.Version)
            .ToListAsync(cancellation);
        var answered = (await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.StartsWith(StreamKeys.StatusOfferPrefix))
            .Select(e => e.StreamKey!)
            .ToListAsync(cancellation)).ToHashSet(StringComparer.Ordinal);
        var offers = results.GroupBy(e => e.StreamKey!)
            .Select(stream => stream.Aggregate((InspectionResult?)null, (state, e) => InspectionResult.Evolve(state, e.Data)))
            .OfType<InspectionResult>()
            .Select(StatusOffers.Of)
            .OfType<EntityStatusOffer>()
            .Where(offer => !answered.Contains(StreamKeys.StatusOffer(offer.OfferId)))
            .ToList();
        var codes = offers.Select(offer => offer.Uscc).Distinct().ToArray();
        var entities = (await session.Query<EntityRevision>()
                .Where(x => x.IsCurrent && x.Uscc.IsOneOf(codes))
                .ToListAsync(cancellation))
            .ToDictionary(entity => entity.Uscc);
        return new StatusOfferList(scope, [.. offers
            .Where(offer => entities.ContainsKey(offer.Uscc))
            .Select(offer =>
            {
                var entity = entities[offer.Uscc];
                return new StatusOfferListed(offer, entity.Name, DivisionCode.Parse(entity.Jurisdiction), entity.Status);
            })
            .Where(listed => scope.Covers(listed.Jurisdiction))]);
    }

    /// <summary>Accepts an offer: the entity's status changes (its reason names the offer) and the offer is answered.</summary>
    [WolverinePost("/api/registrar/status-offers/{taskId}/{entityId}/{itemCode}/acceptance", Name = "AcceptStatusOffer")]
    public static async Task<EntityStatusOfferAccepted> Accept(
        string taskId, string entityId, string itemCode, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var (offer, answered, entity) = await OfferAsync(session, taskId, entityId, itemCode);
        var (entityEvents, offerEvents) = StatusOffers.Accept(offer, answered, entity?.ToState(), user.ToActor(), clock.GetCurrentInstant());
        StreamAppend.Stage(session, StreamKeys.Entity(offer!.Uscc), entity, entityEvents);
        StreamAppend.Stage(session, StreamKeys.StatusOffer(offer.OfferId), null, offerEvents);
        await StreamAppend.SaveAsync(session);
        return (EntityStatusOfferAccepted)offerEvents.Single();
    }

    /// <summary>Dismisses an offer with a reason; the directory keeps the entity's status.</summary>
    [WolverinePost("/api/registrar/status-offers/{taskId}/{entityId}/{itemCode}/dismissal", Name = "DismissStatusOffer")]
    public static async Task<EntityStatusOfferDismissed> Dismiss(
        string taskId, string entityId, string itemCode, DismissStatusOffer command, ClaimsPrincipal user, IDocumentSession session, IClock clock)
    {
        var (offer, answered, entity) = await OfferAsync(session, taskId, entityId, itemCode);
        var events = StatusOffers.Dismiss(offer, answered, entity?.ToState(), command, user.ToActor(), clock.GetCurrentInstant());
        await StreamAppend.AppendAsync(session, StreamKeys.StatusOffer(offer!.OfferId), null, events);
        return (EntityStatusOfferDismissed)events.Single();
    }

    /// <summary>The offer the result makes (null when none), whether it is answered, and the entity as the directory has it now.</summary>
    private static async Task<(EntityStatusOffer? Offer, bool Answered, EntityRevision? Entity)> OfferAsync(
        IQuerySession session, string taskId, string entityId, string itemCode)
    {
        (entityId, itemCode) = ResultDecisions.Key(entityId, itemCode);
        await PlanReads.PlannedTaskAsync(session, taskId);
        var result = await TaskResults.LoadAsync(session, taskId, entityId, itemCode);
        var offer = result.State is null ? null : StatusOffers.Of(result.State);
        var answered = offer is not null
            && await session.Events.FetchStreamStateAsync(StreamKeys.StatusOffer(offer.OfferId)) is not null;
        return (offer, answered, await EntityReads.CurrentAsync(session, entityId));
    }
}
