using System.Net;
using Alba;
using FairDraw.Api.FollowUps;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Directories;

namespace FairDraw.Api.Tests.FollowUps;

/// <summary>
/// A status outcome (注销) found by an inspection reaches the directory only through the registrar: offered once the result
/// is approved, then accepted (the directory's status change, naming the offer) or dismissed with a reason.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class OfferingStatuses(DrawHost fixture) : IAsyncLifetime
{
    private const string Offers = "/api/registrar/status-offers";

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string Registrar => fixture.Token(Role.Registrar, "520100", "registrar");

    [Fact]
    public async Task Given_a_result_found_deregistered_When_it_is_approved_and_the_registrar_accepts_the_offer_Then_the_directory_changes_once()
    {
        var entity = await RecordedAsync();
        Assert.Empty((await fixture.Host.GetAsJson<StatusOfferList>(Offers, Registrar))!.Offers); // not yet approved
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);

        var offer = (await fixture.Host.GetAsJson<StatusOfferList>(Offers, Registrar))!.Offers.Single();
        Assert.Equal((entity, EntityStatus.Deregistered, EntityStatus.Existing), (offer.Offer.Uscc, offer.Offer.Status, offer.CurrentStatus));
        Assert.Equal(EntityStatus.Existing, (await EntityAsync(entity)).Status); // never applied silently

        var accepted = (await (await fixture.PostAsync($"{AnswerUrl(entity)}/acceptance", null, Registrar)).ReadAsJsonAsync<EntityStatusOfferAccepted>())!;

        Assert.Equal(($"{DrawHost.TaskId}:{entity}:{ResultRequests.Item}", EntityStatus.Deregistered, "registrar"), (accepted.OfferId, accepted.Status, accepted.AcceptedBy));
        Assert.Equal(EntityStatus.Deregistered, (await EntityAsync(entity)).Status);
        Assert.Contains(accepted.OfferId, await fixture.Host.GetAsText($"/api/entities/{entity}/history", Registrar), StringComparison.Ordinal);
        Assert.Empty((await fixture.Host.GetAsJson<StatusOfferList>(Offers, Registrar))!.Offers);
        var before = await fixture.EventsAsync();
        await fixture.PostAsync($"{AnswerUrl(entity)}/dismissal", new DismissStatusOffer("迟到 / late"), Registrar, HttpStatusCode.Conflict);
        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_an_offer_When_another_role_or_district_answers_it_or_the_registrar_dismisses_it_Then_only_the_dismissal_is_written()
    {
        var entity = await RecordedAsync();
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        var district = (await EntityAsync(entity)).Jurisdiction == "520102" ? "520103" : "520102";
        var before = await fixture.EventsAsync();

        await fixture.PostAsync($"{AnswerUrl(entity)}/acceptance", null, fixture.FoodDivision, HttpStatusCode.Forbidden);
        await fixture.PostAsync($"{AnswerUrl(entity)}/acceptance", null, fixture.Token(Role.Registrar, district), HttpStatusCode.Forbidden);
        var blank = await fixture.PostAsync($"{AnswerUrl(entity)}/dismissal", new DismissStatusOffer(""), Registrar, HttpStatusCode.BadRequest);
        Assert.Equal("reason", await blank.FieldAsync());
        Assert.Empty((await fixture.Host.GetAsJson<StatusOfferList>(Offers, fixture.Token(Role.Registrar, district)))!.Offers);
        Assert.Equal(before, await fixture.EventsAsync());

        var dismissed = (await (await fixture.PostAsync($"{AnswerUrl(entity)}/dismissal", new DismissStatusOffer("已恢复经营 / trading again"), Registrar))
            .ReadAsJsonAsync<EntityStatusOfferDismissed>())!;

        Assert.Equal(("已恢复经营 / trading again", EntityStatus.Deregistered), (dismissed.Reason, dismissed.Status));
        Assert.Equal(EntityStatus.Existing, (await EntityAsync(entity)).Status);
        Assert.Empty((await fixture.Host.GetAsJson<StatusOfferList>(Offers, Registrar))!.Offers);
        await fixture.PostAsync($"{AnswerUrl(entity)}/acceptance", null, Registrar, HttpStatusCode.Conflict);
    }

    private static string AnswerUrl(string entity) => $"{Offers}/{DrawHost.TaskId}/{entity}/{ResultRequests.Item}";

    private async Task<EntityRevision> EntityAsync(string uscc) => (await fixture.Host.GetAsJson<EntityRevision>($"/api/entities/{uscc}", Registrar))!;

    private Task<string> RecordedAsync() => fixture.RecordedAsync(found => found with { Outcome = "注销", SubReason = null });
}
