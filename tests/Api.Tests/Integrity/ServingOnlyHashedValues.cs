using System.Text.Json.Nodes;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>What the API shows of an event comes from hashed data only (issue 19, point 5).</summary>
[Collection(nameof(IntegrityCollection))]
public sealed class ServingOnlyHashedValues(IntegrityHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// A database administrator rewrites the stored time of an entity's events (which no hash covers): the history
    /// served is the same to the byte, and it holds exactly the hashed record's values.
    /// </summary>
    [Fact]
    public async Task An_entitys_history_is_unchanged_when_its_stored_row_times_are_rewritten()
    {
        await using (var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            await IntegrityHost.RegisterAsync(session, "MA6HATH1");
        }

        var url = $"/api/entities/{Uscc.Complete("91520102MA6HATH1").Value}/history";
        var token = fixture.Token(Role.Investigator);
        var before = await fixture.Host.GetAsText(url, token);

        await fixture.TamperAsync("update {s}.mt_events set timestamp = timestamp - interval '3 years'");

        Assert.Equal(before, await fixture.Host.GetAsText(url, token));
        var entry = Assert.Single(JsonNode.Parse(before)!.AsArray())!.AsObject();
        Assert.Equal(["sequence", "version", "type", "actor", "occurredAt", "data"], entry.Select(member => member.Key));
    }
}
