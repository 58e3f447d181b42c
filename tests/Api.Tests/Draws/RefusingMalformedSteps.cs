using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;

namespace FairDraw.Api.Tests.Draws;

/// <summary>Draw step bodies with a missing or malformed member are refused with 400 naming the member by its JSON path.</summary>
[Collection(nameof(DrawCollection))]
public sealed class RefusingMalformedSteps(DrawHost fixture) : IAsyncLifetime
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("纪检监察室 secret");

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Freezes, commits to one party secret and publishes, at the March clock.</summary>
    private async Task PublishWithPartySecretAsync()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Secret));
        await fixture.StepAsync(DrawHost.TaskId, "commitment", DrawRequests.Commitment() with { PartyCommitments = [hash] }, fixture.FoodDivision);
        await fixture.CheckpointAsync();
        await fixture.StepAsync(DrawHost.TaskId, "commitment/publication", DrawRequests.Notice, fixture.FoodDivision);
    }

    private async Task<string?> RefusedFieldAsync(string step, object body)
    {
        var refused = await fixture.StepAsync(DrawHost.TaskId, step, body, fixture.FoodDivision, HttpStatusCode.BadRequest);
        return (await refused.ReadAsJsonAsync<JsonElement>()).GetProperty("field").GetString();
    }

    [Fact]
    public async Task A_party_secret_without_an_index_is_refused_naming_index_and_not_revealed_as_secret_0()
    {
        await PublishWithPartySecretAsync();

        Assert.Equal("index", await RefusedFieldAsync("party-secrets", new { secret = Convert.ToHexStringLower(Secret) }));
        Assert.Equal("index", await RefusedFieldAsync("party-secrets", new { index = (int?)null, secret = Convert.ToHexStringLower(Secret) }));
        var draw = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!;
        Assert.Empty(draw.Current.Secrets);

        await fixture.StepAsync(DrawHost.TaskId, "party-secrets", new { index = 0, secret = Convert.ToHexStringLower(Secret) }, fixture.FoodDivision);
    }

    [Fact]
    public async Task A_malformed_source_value_is_named_by_its_JSON_path_not_by_the_source_label()
    {
        await PublishWithPartySecretAsync();
        await fixture.StepAsync(DrawHost.TaskId, "party-secrets", new RevealPartySecret(0, Convert.ToHexStringLower(Secret)), fixture.FoodDivision);
        fixture.Clock.Reset(DrawRequests.SourcesResolved);

        var lottery = new RandomnessInput("fucai-3d", null, [3, 9, 1], Announcement: DrawRequests.Announcement);
        var drand = DrandBeacons.June2022.Input();
        Assert.Equal("values[1].signature", await RefusedFieldAsync("randomness", new RecordRandomness([lottery, drand with { Signature = "not hex" }])));
        Assert.Equal("values[0].numbers", await RefusedFieldAsync("randomness", new RecordRandomness([lottery with { Numbers = [] }, drand])));
        Assert.Equal("values[2].label", await RefusedFieldAsync("randomness", new RecordRandomness([lottery, drand, drand])));

        await fixture.StepAsync(DrawHost.TaskId, "randomness", new RecordRandomness([lottery, drand]), fixture.FoodDivision);
    }
}
