using System.Net;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Results;

/// <summary>
/// The receipt of an unpublished result's event goes to a token holder only if it may read that result: the auditor and
/// the investigator, the officials covering the task, the inspectors assigned to the object or named on it.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ReadingResultReceipts(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_an_unpublished_result_When_token_holders_read_its_receipts_Then_only_its_readers_get_them()
    {
        var (entity, inspectors) = await fixture.ApprovedAsync();
        await fixture.PostAsync("/api/ledger/checkpoint", null, fixture.Token(Role.Auditor)); // a receipt needs a signed tree
        var sequences = await fixture.ResultSequencesAsync(entity);
        var registration = await RegistrationOfAsync(entity); // the directory's stream: not public, any token reads it
        var readers = new[]
        {
            fixture.InspectorToken(inspectors[1]), fixture.FoodDivision, fixture.Token(Role.DistrictBureau, "520100"),
            fixture.Token(Role.Auditor, "520102"), fixture.Token(Role.Investigator, "520103"),
        };
        var others = new[]
        {
            fixture.InspectorToken("GY520100-0099"), fixture.Token(Role.DistrictBureau, "520103"), fixture.Token(Role.CreditOffice, "520102"),
            fixture.Token(Role.Registrar), fixture.Token(Role.Personnel),
        };

        foreach (var sequence in sequences)
        {
            foreach (var token in readers)
            {
                await GetAsync($"/api/ledger/receipts/{sequence}", token, HttpStatusCode.OK);
            }

            foreach (var token in others)
            {
                await GetAsync($"/api/ledger/receipts/{sequence}", token, HttpStatusCode.Forbidden);
            }
        }

        await GetAsync($"/api/ledger/receipts/{registration}", fixture.Token(Role.Registrar), HttpStatusCode.OK);
        await GetAsync($"/api/ledger/receipts/{registration}", fixture.InspectorToken("GY520100-0099"), HttpStatusCode.OK);
        Assert.Equal(ResultStatus.Approved, (await fixture.ReadResultAsync()).Status);
    }

    private async Task<long> RegistrationOfAsync(string entity)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(StreamKeys.Entity(entity)))[0].Sequence;
    }

    private Task GetAsync(string url, string token, HttpStatusCode status) => fixture.Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.As(token);
        s.StatusCodeShouldBe(status);
    });
}
