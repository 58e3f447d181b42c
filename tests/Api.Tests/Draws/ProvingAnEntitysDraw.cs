using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// GET /api/public/entities/{uscc}/draws: every frozen round that held the entity, with the per-entity proof of
/// docs/draw-protocol.md §12.5, checked here as the browser does (the roots and sizes from the signed records).
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ProvingAnEntitysDraw(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Url(string uscc) => $"/api/public/entities/{uscc}/draws";

    private async Task<IScenarioResult> GetAsync(string uscc) => await fixture.Host.Scenario(s =>
    {
        s.Get.Url(Url(uscc));
        s.StatusCodeShouldBeOk();
    });

    private async Task<EntityDrawProofs> ReadAsync(string uscc) => (await (await GetAsync(uscc)).ReadAsJsonAsync<EntityDrawProofs>())!;

    /// <summary>Also writes verifier/fixtures/entity-draws.json and evidence-bundle-ranked.json when ENTITY_FIXTURE_WRITE=1.</summary>
    [Fact]
    public async Task A_selected_and_an_unselected_entity_each_get_a_proof_of_their_rank_under_the_recorded_rank_root()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "assignments");
        await fixture.CheckpointAsync();
        var executed = (await fixture.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", fixture.FoodDivision))!
            .Current.Execution!;
        var chosen = executed.Selected[0].EntityId;
        var passedOver = fixture.Entities.First(entity => executed.Selected.All(selected => selected.EntityId != entity));

        var selected = await ReadAsync(chosen);
        var unselected = await ReadAsync(passedOver);

        Assert.Equal((chosen, true), (selected.Uscc, AssertProved(Assert.Single(selected.Draws), executed)));
        Assert.Equal((passedOver, false), (unselected.Uscc, AssertProved(Assert.Single(unselected.Draws), executed)));
        Assert.Equal(executed.Selected[0].Rank, selected.Draws[0].Rank);
        if (Environment.GetEnvironmentVariable("ENTITY_FIXTURE_WRITE") == "1")
        {
            var fixtures = Path.Combine(Repository.Root, "verifier", "fixtures");
            var entries = $"[{await (await GetAsync(chosen)).ReadAsTextAsync()},{await (await GetAsync(passedOver)).ReadAsTextAsync()}]\n";
            await File.WriteAllTextAsync(Path.Combine(fixtures, "entity-draws.json"), entries);
            var bundle = await fixture.Host.Scenario(s => s.Get.Url($"/api/tasks/{DrawHost.TaskId}/draw/evidence"));
            await File.WriteAllTextAsync(Path.Combine(fixtures, "evidence-bundle-ranked.json"), await bundle.ReadAsTextAsync());
        }
    }

    [Fact]
    public async Task A_round_frozen_but_not_executed_shows_the_pool_membership_alone()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment");
        await fixture.CheckpointAsync();

        var draw = Assert.Single((await ReadAsync(fixture.Entities[7])).Draws);

        Assert.Equal((RoundState.Frozen, "D"), (draw.State, draw.Stratum));
        Assert.Null(draw.Receipts.DrawExecuted);
        Assert.Equal<object?>([null, null, null], [draw.Ticket, draw.Rank, draw.RankProof]);
        var frozen = JsonDocument.Parse(draw.Receipts.PoolFrozen!.Canonical).RootElement.GetProperty("data");
        Assert.True(Included(new EntityMember("D", fixture.Entities[7]).Leaf(), draw.LeafIndex, frozen.GetProperty("EntityCount").GetInt32(), draw.EntityProof, frozen.GetProperty("EntityRoot").GetString()!));
    }

    [Fact]
    public async Task An_entity_no_pool_held_has_no_draws()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment");

        var proofs = await ReadAsync(Uscc.Complete("91520102" + "99999999").Value);

        Assert.Empty(proofs.Draws);
    }

    [Fact]
    public async Task A_malformed_uscc_is_refused_naming_the_field()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(Url("91520102MA6DX8Q7"));
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        Assert.Equal("uscc", await result.FieldAsync());
    }

    /// <summary>Checks a proof of an executed round as the browser does and returns whether it proves the entity selected.</summary>
    private static bool AssertProved(EntityDrawProof draw, DrawExecuted executed)
    {
        Assert.Equal(RoundState.Executed, draw.State);
        Assert.All(
            new[] { draw.Receipts.PoolFrozen, draw.Receipts.DrawCommitted, draw.Receipts.RandomnessRecorded, draw.Receipts.DrawExecuted },
            receipt => Assert.NotNull(receipt));
        var record = JsonDocument.Parse(draw.Receipts.DrawExecuted!.Canonical).RootElement.GetProperty("data");
        var stratum = executed.Strata.Single(outcome => outcome.Stratum == draw.Stratum);
        var rankRoot = record.GetProperty("RankRoots").EnumerateArray().Single(root => root.GetProperty("Stratum").GetString() == draw.Stratum);
        var leaf = StratumRanking.RankedLeaf(new RankedEntity(draw.Stratum, draw.EntityId, Convert.FromHexString(draw.Ticket!), draw.Rank!.Value));
        Assert.True(Included(leaf, draw.Rank.Value, stratum.PoolSize, draw.RankProof!, rankRoot.GetProperty("Root").GetString()!));
        Assert.False(Included(leaf, draw.Rank.Value + 1, stratum.PoolSize, draw.RankProof!, rankRoot.GetProperty("Root").GetString()!));
        var selected = draw.Rank < stratum.SampleSize;
        Assert.Equal(selected, executed.Selected.Any(entity => entity.EntityId == draw.EntityId && entity.Rank == draw.Rank));
        return selected;
    }

    private static bool Included(byte[] leaf, int index, int size, IReadOnlyList<string> proof, string root) =>
        MerkleTree.VerifyInclusion(index, size, MerkleTree.LeafHash(leaf), [.. proof.Select(Convert.FromHexString)], Convert.FromHexString(root));
}
