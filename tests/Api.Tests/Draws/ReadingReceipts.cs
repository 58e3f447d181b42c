using System.Net;
using Alba;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Integrity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// Who may read a ledger receipt, which carries the whole event (payload and actor): anyone for the public streams
/// (task draws, published item lists), a token holder for every other stream, as the reads of those streams require.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ReadingReceipts(DrawHost fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.SeedAsync();
        var draft = PlanHost.ItemList() with { Version = "2022版" };
        await fixture.PostAsync("/api/item-lists", draft, fixture.Token(Role.CreditOffice, "520100", "credit-guiyang"), HttpStatusCode.Created);
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment");
        await fixture.CheckpointAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> SequenceOfAsync(string streamKey, long version)
    {
        await using var command = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand($"select seq_id from {fixture.Schema}.mt_events where stream_id = @stream and version = @version");
        command.Parameters.AddWithValue("stream", streamKey);
        command.Parameters.AddWithValue("version", version);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<IScenarioResult> ReceiptAsync(string streamKey, long version, string? token, HttpStatusCode status)
    {
        var sequence = await SequenceOfAsync(streamKey, version);
        return await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/ledger/receipts/{sequence}");
            if (token is not null)
            {
                s.As(token);
            }

            s.StatusCodeShouldBe(status);
        });
    }

    [Fact]
    public async Task Anyone_reads_the_receipt_of_a_draw_event()
    {
        var result = await ReceiptAsync(StreamKeys.Task(DrawHost.TaskId), 1, null, HttpStatusCode.OK);
        var receipt = (await result.ReadAsJsonAsync<Receipt>())!;
        Assert.Equal(StreamKeys.Task(DrawHost.TaskId), receipt.StreamKey);
        Assert.Contains("\"type\":\"pool_frozen\"", receipt.Canonical, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_reads_the_receipt_of_a_published_item_list_but_not_of_a_draft()
    {
        await ReceiptAsync(StreamKeys.ItemList("520100", "2021版"), 1, null, HttpStatusCode.OK);
        await ReceiptAsync(StreamKeys.ItemList("520100", "2022版"), 1, null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_inspector_or_entity_event_needs_a_token()
    {
        var suspension = StreamKeys.Inspector("GY520100-0012");
        await ReceiptAsync(suspension, 2, null, HttpStatusCode.Unauthorized);
        await ReceiptAsync(StreamKeys.Entity(fixture.Entities[0]), 1, null, HttpStatusCode.Unauthorized);
        await ReceiptAsync(StreamKeys.Plan(DrawHost.PlanId), 1, null, HttpStatusCode.Unauthorized);

        var result = await ReceiptAsync(suspension, 2, fixture.Token(Role.Auditor, "520100", "auditor"), HttpStatusCode.OK);
        Assert.Contains("长期病假", (await result.ReadAsJsonAsync<Receipt>())!.Canonical, StringComparison.Ordinal);
    }
}
