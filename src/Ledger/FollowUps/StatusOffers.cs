using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Ledger.FollowUps;

/// <summary>
/// A registration status an approved result found, offered to the registrar covering the entity: <c>OfferId</c> is the
/// result's key "{taskId}:{entityId}:{itemCode}".
/// </summary>
public sealed record EntityStatusOffer(
    string OfferId,
    string TaskId,
    string Uscc,
    string ItemCode,
    ResultOutcome Outcome,
    EntityStatus Status,
    LocalDate InspectionDate,
    string ApprovedBy,
    Instant ApprovedAt);

/// <summary>
/// Status outcomes (注销, 被吊销, 迁出) are offered to the registrar, never applied to the directory silently: the registrar
/// accepts an offer through the directory's own status change, or dismisses it with a reason; either answers it for good.
/// </summary>
public static class StatusOffers
{
    /// <summary>
    /// The directory status each status outcome offers. 被撤销 (registration cancelled) has no status in the directory,
    /// so it offers none: the registrar learns of it from the published result.
    /// </summary>
    public static readonly IReadOnlyDictionary<ResultOutcome, EntityStatus> Offered = new Dictionary<ResultOutcome, EntityStatus>
    {
        [ResultOutcome.Deregistered] = EntityStatus.Deregistered,
        [ResultOutcome.LicenceRevoked] = EntityStatus.Revoked,
        [ResultOutcome.MovedOut] = EntityStatus.MovedOut,
    };

    /// <summary>The offer an approved result with a status outcome makes; null for any other result.</summary>
    public static EntityStatusOffer? Of(InspectionResult result) =>
        result.Approval is { } approval && Offered.TryGetValue(result.Content.Outcome, out var status)
            ? new EntityStatusOffer(
                $"{approval.TaskId}:{approval.EntityId}:{approval.ItemCode}", approval.TaskId, approval.EntityId, approval.ItemCode,
                result.Content.Outcome, status, result.Content.InspectionDate, approval.ApprovedBy, approval.ApprovedAt)
            : null;

    /// <summary>
    /// Accepts the offer: the entity's status change as the directory decides it (role, jurisdiction, a real change),
    /// with the offer named in its reason, and the acceptance on the offer's stream.
    /// </summary>
    public static (IReadOnlyList<object> EntityEvents, IReadOnlyList<object> OfferEvents) Accept(
        EntityStatusOffer? offer, bool answered, MarketEntity? entity, Actor actor, Instant now)
    {
        var open = Unanswered(offer, answered, actor, "接受状态变更提请 / accept status offers");
        var reason = $"抽查结果{open.OfferId}发现“{ResultOutcomes.Outcomes[open.Outcome]}” / inspection result {open.OfferId} found {open.Outcome}";
        var changed = EntityDecisions.ChangeStatus(new ChangeEntityStatus(open.Status.ToString(), reason), entity, actor, now);
        return (changed, [new EntityStatusOfferAccepted(open.OfferId, open.Uscc, open.Status, actor.Id, now)]);
    }

    /// <summary>Dismisses the offer with a reason (the registrar covering the entity); the directory is unchanged.</summary>
    public static IReadOnlyList<object> Dismiss(
        EntityStatusOffer? offer, bool answered, MarketEntity? entity, DismissStatusOffer command, Actor actor, Instant now)
    {
        var open = Unanswered(offer, answered, actor, "驳回状态变更提请 / dismiss status offers");
        var found = entity ?? throw DomainException.NotFound("entityId", "名录库中没有该检查对象 / no such entity in the directory");
        actor.RequireJurisdiction(found.Jurisdiction);
        var reason = Text.Required(command.Reason, "reason", 500, multiline: true);
        return [new EntityStatusOfferDismissed(open.OfferId, open.Uscc, open.Status, reason, actor.Id, now)];
    }

    private static EntityStatusOffer Unanswered(EntityStatusOffer? offer, bool answered, Actor actor, string action)
    {
        actor.RequireRole(action, Role.Registrar);
        var found = offer ?? throw DomainException.NotFound("itemCode", "该检查结果没有提请变更登记状态 / this result offers no status change");
        return answered
            ? throw DomainException.Conflict("itemCode", $"状态变更提请{found.OfferId}已处理 / status offer {found.OfferId} is already answered")
            : found;
    }
}
