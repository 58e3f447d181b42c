using System.Net;
using Alba;
using FairDraw.Api.FollowUps;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Api.Tests.FollowUps;

/// <summary>
/// 后续处置 through the API: the draws host's result (发现问题待后续处理, 违反其他市场监管规定, inspected 2022-06-28), approved,
/// referred to the case-handling department, handed over, listed open with its age, then closed.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class FollowingUp(DrawHost fixture) : IAsyncLifetime
{
    private const string Url = "/api/follow-ups?jurisdiction=520100";

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_an_approved_result_When_a_case_referral_is_opened_handed_over_and_closed_Then_each_is_an_event_and_the_list_ages_it()
    {
        var entity = await ApprovedAsync();

        var opened = (await (await fixture.PostAsync(
                FollowUpUrl(entity), new OpenFollowUp("移交案件线索", null, "涉嫌无证经营 / unlicensed trading", "2022-06-30"), fixture.FoodDivision,
                HttpStatusCode.Created))
            .ReadAsJsonAsync<FollowUpOpened>())!;
        var id = $"{DrawHost.TaskId}:{entity}:{ResultRequests.Item}:CaseReferral";
        Assert.Equal(
            new FollowUpOpened(id, DrawHost.TaskId, entity, ResultRequests.Item, FollowUpKind.CaseReferral, null, "涉嫌无证经营 / unlicensed trading",
                new LocalDate(2022, 6, 30), "food-division", ResultRequests.AfterTheDraw),
            opened);
        var handedOver = (await (await fixture.PostAsync(
                $"{FollowUpUrl(entity)}/CaseReferral/hand-over", new HandOverFollowUp("执法稽查处", "筑市监稽〔2022〕7号", "2022-07-01"), fixture.FoodDivision))
            .ReadAsJsonAsync<FollowUpHandedOver>())!;

        fixture.Clock.Reset(Instant.FromUtc(2022, 7, 11, 2, 0)); // Beijing 2022-07-11: 11 days after the opening
        var listed = (await fixture.Host.GetAsJson<FollowUpList>(Url + "&open=true", fixture.Token(Role.CreditOffice, "520100")))!;
        Assert.Equal(new FollowUpListed(opened, handedOver, null, 11), listed.FollowUps.Single());

        var closed = (await (await fixture.PostAsync(
                $"{FollowUpUrl(entity)}/移交案件线索/closure", new CloseFollowUp("已立案 / case opened", "2022-07-08"), fixture.Official(Role.DistrictBureau, "520100")))
            .ReadAsJsonAsync<FollowUpClosed>())!;
        Assert.Equal((id, new LocalDate(2022, 7, 8)), (closed.FollowUpId, closed.ClosedOn));
        Assert.Empty((await fixture.Host.GetAsJson<FollowUpList>(Url + "&open=true", fixture.FoodDivision))!.FollowUps);
        Assert.Equal(8, (await fixture.Host.GetAsJson<FollowUpList>(Url + "&open=false", fixture.FoodDivision))!.FollowUps.Single().AgeInDays);
    }

    [Fact]
    public async Task Given_results_not_approved_or_followed_up_already_When_follow_ups_are_written_Then_each_is_refused_and_nothing_is_written()
    {
        var entity = await fixture.RecordedAsync();
        var referral = new OpenFollowUp("CaseReferral", null, "线索", "2022-06-30");
        var before = await fixture.EventsAsync();

        var refusals = new[]
        {
            await fixture.PostAsync(FollowUpUrl(entity), referral, fixture.FoodDivision, HttpStatusCode.Conflict), // recorded, not approved
            await fixture.PostAsync(FollowUpUrl(entity), referral with { Kind = "当场" }, fixture.FoodDivision, HttpStatusCode.BadRequest),
            await fixture.PostAsync($"{FollowUpUrl(entity)}/Nothing/closure", new CloseFollowUp("结", "2022-07-01"), fixture.FoodDivision, HttpStatusCode.BadRequest),
        };
        Assert.Equal(["itemCode", "kind", "kind"], (await Task.WhenAll(refusals.Select(refusal => refusal.FieldAsync()))).Select(field => field ?? ""));
        Assert.Equal(before, await fixture.EventsAsync());

        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        await fixture.PostAsync(FollowUpUrl(entity), referral, fixture.FoodDivision, HttpStatusCode.Created);
        before = await fixture.EventsAsync();
        var again = await fixture.PostAsync(FollowUpUrl(entity), referral, fixture.FoodDivision, HttpStatusCode.Conflict);
        var unhanded = await fixture.PostAsync(
            $"{FollowUpUrl(entity)}/CaseReferral/closure", new CloseFollowUp("结", "2022-07-01"), fixture.FoodDivision, HttpStatusCode.Conflict);
        var late = await fixture.PostAsync(
            $"{FollowUpUrl(entity)}/CaseReferral/hand-over", new HandOverFollowUp("执法稽查处", null, "2022-07-02"), fixture.FoodDivision, HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "kind", "handedOverOn"], (await Task.WhenAll(new[] { again, unhanded, late }.Select(refusal => refusal.FieldAsync()))).Select(field => field ?? ""));
        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_follow_ups_in_Guiyang_When_they_are_listed_by_role_and_jurisdiction_Then_only_readers_covering_the_jurisdiction_see_them()
    {
        var entity = await ApprovedAsync();
        await fixture.PostAsync(FollowUpUrl(entity), new OpenFollowUp("JudicialReferral", null, "涉嫌犯罪", "2022-06-30"), fixture.FoodDivision, HttpStatusCode.Created);

        await Forbidden(Url, fixture.Token(Role.DistrictBureau, "520103"));
        await Forbidden(Url, fixture.InspectorToken("GY520100-0001"));
        await Forbidden(Url, fixture.Token(Role.Registrar, "520100"));
        Assert.Empty((await fixture.Host.GetAsJson<FollowUpList>("/api/follow-ups", fixture.Token(Role.DistrictBureau, "520103")))!.FollowUps);
        Assert.Single((await fixture.Host.GetAsJson<FollowUpList>("/api/follow-ups", fixture.Token(Role.Auditor, "520100")))!.FollowUps);
        Assert.Single((await fixture.Host.GetAsJson<FollowUpList>(Url, fixture.Token(Role.Investigator, "520000")))!.FollowUps);
    }

    private static string FollowUpUrl(string entity) => $"{ResultRequests.Url()}/{entity}/{ResultRequests.Item}/follow-ups";

    private Task Forbidden(string url, string token) => fixture.Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.As(token);
        s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
    });

    private async Task<string> ApprovedAsync()
    {
        var entity = await fixture.RecordedAsync();
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        return entity;
    }
}
