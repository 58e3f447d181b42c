using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// GET /api/public/entities/{uscc}/draws reads its proofs off the round's kept trees (RoundProofTrees): they must be
/// byte-identical to the direct computation (restore the pool, hash it, rank the stratum) for every member, selected
/// or not, and a round's pool is restored once, not per request.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class ProvingFromKeptTrees(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Asked with a token, which the anonymous callers' rate limit leaves out (this asks for every member).</summary>
    private async Task<EntityDrawProof> ProofAsync(string uscc) => Assert.Single(
        (await fixture.Host.GetAsJson<EntityDrawProofs>($"/api/public/entities/{uscc}/draws", fixture.FoodDivision))!.Draws);

    [Fact]
    public async Task Every_members_proof_equals_the_direct_computation_before_and_after_the_execution()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "commitment");
        var frozen = await ProofAsync(fixture.Entities[0]); // keeps the frozen round's trees, without ranks
        Assert.Equal((await DirectAsync()).Of(fixture.Entities[0]), Shape(frozen));

        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "assignments", from: "commitment");

        var direct = await DirectAsync();
        var selected = new List<bool>();
        foreach (var entity in fixture.Entities)
        {
            var proof = await ProofAsync(entity);
            Assert.Equal(direct.Of(entity), Shape(proof));
            selected.Add(proof.Rank < direct.Selection!.RankingOf(proof.Stratum).SampleSize);
        }

        Assert.Contains(true, selected);
        Assert.Contains(false, selected);
    }

    [Fact]
    public async Task A_rounds_pool_is_restored_at_most_once_for_all_its_members()
    {
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "assignments");
        using var restores = new MeterCount(fixture.Host.Services, "fairdraw.pool.restores");

        foreach (var entity in fixture.Entities.Take(5))
        {
            await ProofAsync(entity);
        }

        // 0 when an earlier test of this host kept the same round's trees (they are keyed by content, which repeats).
        Assert.InRange(restores.Count, 0, 1);
    }

    /// <summary>The parts of a proof the kept trees answer, as one comparable string.</summary>
    private static string Shape(EntityDrawProof proof) =>
        Shape(proof.Stratum, proof.LeafIndex, proof.EntityProof, proof.Ticket, proof.Rank, proof.RankProof);

    private static string Shape(string stratum, int leaf, IEnumerable<string> entityProof, string? ticket, int? rank, IEnumerable<string>? rankProof) =>
        string.Join('|', stratum, leaf, string.Join(',', entityProof), ticket, rank, rankProof is null ? null : string.Join(',', rankProof));

    /// <summary>The task's round 1 as the endpoint read it before the trees were kept: the restored pool and its selection.</summary>
    private async Task<Direct> DirectAsync()
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var round = (await TaskDraws.LoadAsync(session, DrawHost.TaskId)).State!.RoundNumber(1);
        var pool = await fixture.Host.Services.GetRequiredService<DrawPools>().RestoreAsync(session, round.Pool, CancellationToken.None);
        if (round.Execution is null)
        {
            return new Direct(pool, null);
        }

        var commitment = round.RebuildCommitment(round.Commitment!);
        var seed = DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, round.Randomness!));
        return new Direct(pool, EntitySelection.Draw(seed, pool, commitment.Rules));
    }

    private sealed record Direct(EntityPool Pool, EntitySelection? Selection)
    {
        public string Of(string entityId)
        {
            var leaf = Pool.Members.Select((member, index) => (member, index)).First(pair => pair.member.Id == entityId).index;
            var stratum = Pool.Members[leaf].Stratum;
            if (Selection is null)
            {
                return Shape(stratum, leaf, Proof(Pool.Leaves, leaf), null, null, null);
            }

            var ranking = Selection.RankingOf(stratum);
            var ranked = ranking.Ranked.First(entity => entity.Id == entityId);
            return Shape(stratum, leaf, Proof(Pool.Leaves, leaf), Convert.ToHexStringLower(ranked.Ticket), ranked.Rank,
                Proof(ranking.RankedLeaves(), ranked.Rank));
        }

        private static IEnumerable<string> Proof(IReadOnlyList<byte[]> leaves, int index)
        {
            var hashes = leaves.Select(leaf => MerkleTree.LeafHash(leaf)).ToList();
            return MerkleTree.InclusionProof(hashes, index, hashes.Count).Select(Convert.ToHexStringLower);
        }
    }
}
