using System.Net;
using Alba;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;

namespace FairDraw.Api.Tests.Results;

/// <summary>
/// 不予公示 through the API: the food division files an approved result, the city's credit office acknowledges it (exempt:
/// closed, never public) or declines it (to be published).
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ExemptingResults(DrawHost fixture) : IAsyncLifetime
{
    private string CityCreditOffice => fixture.Token(Role.CreditOffice, "520100", "credit-guiyang");

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_an_approved_result_When_the_division_files_and_the_credit_office_acknowledges_Then_it_is_exempt_and_every_further_step_is_409()
    {
        var (entity, _) = await fixture.ApprovedAsync();

        var filed = await ReadAsync<PublicationExemptionFiled>(await fixture.PostAsync(
            ResultRequests.ExemptionUrl(entity), new FileExemption("涉及商业秘密", "配方属商业秘密 / the formula is a trade secret"), fixture.FoodDivision));
        var acknowledged = await ReadAsync<PublicationExemptionAcknowledged>(
            await fixture.PostAsync(ResultRequests.ExemptionUrl(entity, "/acknowledgement"), null, CityCreditOffice));

        Assert.Equal(
            new PublicationExemptionFiled(DrawHost.TaskId, entity, ResultRequests.Item, ExemptionGround.TradeSecret,
                "配方属商业秘密 / the formula is a trade secret", "food-division", ResultRequests.AfterTheDraw),
            filed);
        Assert.Equal(new PublicationExemptionAcknowledged(DrawHost.TaskId, entity, ResultRequests.Item, "credit-guiyang", ResultRequests.AfterTheDraw), acknowledged);
        var read = await fixture.ReadResultAsync();
        Assert.Equal((ResultStatus.Exempted, filed, acknowledged), (read.Status, read.Exemption, read.ExemptionAcknowledgement));
        var before = await fixture.EventsAsync();
        var refusals = new[]
        {
            await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision, HttpStatusCode.Conflict),
            await fixture.PostAsync(ResultRequests.ExemptionUrl(entity), new FileExemption("StateSecret", "再次 / again"), fixture.FoodDivision, HttpStatusCode.Conflict),
            await fixture.PostAsync(ResultRequests.ExemptionUrl(entity, "/acknowledgement"), null, CityCreditOffice, HttpStatusCode.Conflict),
            await fixture.PostAsync(ResultRequests.ExemptionUrl(entity, "/decline"), new DeclineExemption("迟到 / late"), CityCreditOffice, HttpStatusCode.Conflict),
        };
        foreach (var refusal in refusals)
        {
            Assert.Equal("itemCode", await refusal.FieldAsync());
        }

        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task Given_a_filed_exemption_When_publication_is_tried_and_the_credit_office_declines_Then_it_is_409_first_and_publishable_after()
    {
        var (entity, _) = await fixture.ApprovedAsync();
        await fixture.PostAsync(ResultRequests.ExemptionUrl(entity), new FileExemption("PersonalPrivacy", "涉及个体户住址 / a home address"), fixture.FoodDivision);
        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision, HttpStatusCode.Conflict);

        var declined = await ReadAsync<PublicationExemptionDeclined>(await fixture.PostAsync(
            ResultRequests.ExemptionUrl(entity, "/decline"), new DeclineExemption("地址已登记公示 / the address is public"), CityCreditOffice));
        await fixture.PostAsync(ResultRequests.PublicationUrl(entity), null, fixture.FoodDivision);

        Assert.Equal("地址已登记公示 / the address is public", declined.Reason);
        var read = await fixture.ReadResultAsync();
        Assert.Equal((ResultStatus.Published, null, declined), (read.Status, read.Exemption, read.ExemptionsDeclined!.Single()));
    }

    [Fact]
    public async Task Given_results_When_an_exemption_is_filed_or_acknowledged_wrongly_Then_each_is_refused_with_its_status_and_field_and_nothing_is_written()
    {
        var (entity, _) = await fixture.RecordedAsync();
        var before = await fixture.EventsAsync();

        var unapproved = await fixture.PostAsync(
            ResultRequests.ExemptionUrl(entity), new FileExemption("TradeSecret", "配方 / formula"), fixture.FoodDivision, HttpStatusCode.Conflict);
        await fixture.PostAsync(ResultRequests.ApprovalUrl(entity), null, fixture.FoodDivision);
        var approved = await fixture.EventsAsync();
        var unknownGround = await fixture.PostAsync(
            ResultRequests.ExemptionUrl(entity), new FileExemption("方便 / convenience", "配方 / formula"), fixture.FoodDivision, HttpStatusCode.BadRequest);
        var noReason = await fixture.PostAsync(
            ResultRequests.ExemptionUrl(entity), new FileExemption("TradeSecret", " "), fixture.FoodDivision, HttpStatusCode.BadRequest);
        await fixture.PostAsync(ResultRequests.ExemptionUrl(entity), new FileExemption("TradeSecret", "配方 / formula"), CityCreditOffice, HttpStatusCode.Forbidden);
        var notFiled = await fixture.PostAsync(ResultRequests.ExemptionUrl(entity, "/acknowledgement"), null, CityCreditOffice, HttpStatusCode.Conflict);
        await fixture.PostAsync(ResultRequests.ExemptionUrl(entity), new FileExemption("TradeSecret", "配方 / formula"), fixture.FoodDivision);
        var filed = await fixture.EventsAsync();
        await fixture.PostAsync(ResultRequests.ExemptionUrl(entity, "/acknowledgement"), null, fixture.FoodDivision, HttpStatusCode.Forbidden);
        await fixture.PostAsync(ResultRequests.ExemptionUrl(entity, "/acknowledgement"), null, fixture.Token(Role.CreditOffice, "520103"), HttpStatusCode.Forbidden);
        var noDeclineReason = await fixture.PostAsync(
            ResultRequests.ExemptionUrl(entity, "/decline"), new DeclineExemption(""), CityCreditOffice, HttpStatusCode.BadRequest);

        var fields = new List<string?>();
        foreach (var refusal in new[] { unapproved, unknownGround, noReason, notFiled, noDeclineReason })
        {
            fields.Add(await refusal.FieldAsync());
        }

        Assert.Equal(["itemCode", "ground", "reason", "itemCode", "reason"], fields);
        Assert.Equal((before.Count + 1, filed.Count), (approved.Count, (await fixture.EventsAsync()).Count));
        Assert.Equal(approved.Count + 1, filed.Count);
    }

    private static async Task<T> ReadAsync<T>(IScenarioResult response) => (await response.ReadAsJsonAsync<T>())!;
}
