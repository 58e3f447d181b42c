using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.FollowUps.FollowUpStates;

namespace FairDraw.Ledger.Tests.FollowUps;

/// <summary>Status outcomes offered to the registrar: made by approval only, accepted through the directory's status change, answered once.</summary>
public sealed class StatusOfferTests
{
    [Theory]
    [InlineData(ResultOutcome.Deregistered, true, EntityStatus.Deregistered)]
    [InlineData(ResultOutcome.LicenceRevoked, true, EntityStatus.Revoked)]
    [InlineData(ResultOutcome.MovedOut, true, EntityStatus.MovedOut)]
    [InlineData(ResultOutcome.Deregistered, false, null)] // not yet approved
    [InlineData(ResultOutcome.RegistrationCancelled, true, null)] // the directory has no such status
    [InlineData(ResultOutcome.FollowUpPending, true, null)]
    public void Given_a_result_When_its_offer_is_read_Then_only_an_approved_status_outcome_offers_a_status(
        ResultOutcome outcome, bool approved, EntityStatus? offered)
    {
        var (_, _, result) = Result(outcome, outcome == ResultOutcome.FollowUpPending ? FollowUpReason.FalseDisclosure : null, approved);

        Assert.Equal(offered, StatusOffers.Of(result)?.Status);
    }

    [Fact]
    public void Given_an_offer_When_the_registrar_accepts_it_Then_the_directory_changes_status_with_the_offer_in_its_reason()
    {
        var (draw, entity, result) = Result(ResultOutcome.LicenceRevoked);
        var offer = StatusOffers.Of(result)!;

        var (entityEvents, offerEvents) = StatusOffers.Accept(offer, false, Entity(entity), Registrar, Now);

        var changed = Assert.IsType<EntityStatusChanged>(entityEvents.Single());
        Assert.Equal((entity, EntityStatus.Revoked, "registrar-1"), (changed.Uscc, changed.Status, changed.ChangedBy));
        Assert.Contains($"{draw.Task.TaskId}:{entity}:01-01", changed.Reason, StringComparison.Ordinal);
        EventAssert.Equal([new EntityStatusOfferAccepted(offer.OfferId, entity, EntityStatus.Revoked, "registrar-1", Now)], offerEvents);
    }

    [Fact]
    public void Given_an_offer_When_it_is_answered_twice_by_someone_else_or_to_no_change_Then_each_is_refused()
    {
        var (_, entity, result) = Result(ResultOutcome.Deregistered);
        var offer = StatusOffers.Of(result)!;

        EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", () => StatusOffers.Accept(offer, true, Entity(entity), Registrar, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", () => StatusOffers.Dismiss(offer, true, Entity(entity), new("重复"), Registrar, Now));
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => StatusOffers.Accept(offer, false, Entity(entity), DrawWorkflow.Division, Now));
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => StatusOffers.Dismiss(
            offer, false, Entity(entity), new("不属实"), Registrar with { Jurisdiction = DivisionCode.Parse("520102") }, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => StatusOffers.Accept(offer, false, Entity(entity, EntityStatus.Deregistered), Registrar, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "reason", () => StatusOffers.Dismiss(offer, false, Entity(entity), new(" "), Registrar, Now));
        EventAssert.Fails(DomainErrorKind.NotFound, "itemCode", () => StatusOffers.Accept(null, false, Entity(entity), Registrar, Now));
    }
}
