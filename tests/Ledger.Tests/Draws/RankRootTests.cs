using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// The ranked-ticket trees of docs/draw-protocol.md §8.1: recorded at execution, recomputed by verification (a root that
/// is not the sorted tickets of the whole stratum fails, named), and absent from rounds executed before them.
/// </summary>
public sealed class RankRootTests
{
    private static readonly string TrustedKey = DrawWorkflow.Signer.PublicKeyText();

    private static DrawReport Verify(DrawWorkflow draw, Func<DrawExecuted, DrawExecuted> change)
    {
        var state = draw.State!;
        var changed = state with { Rounds = [.. state.Rounds.SkipLast(1), state.Current with { Execution = change(state.Current.Execution!) }] };
        return DrawVerification.Verify(
            changed, changed.Current.Number, RebuiltPools.WithRecorded(changed.Current, EntityPoolBuilder.From(draw.Members)), draw.Receipts(), TrustedKey);
    }

    [Fact]
    public void Execution_records_each_stratums_root_over_its_whole_ranking_and_the_selection_sits_at_its_ranks()
    {
        var draw = new DrawWorkflow().Complete();
        var round = draw.State!.Current;
        var executed = round.Execution!;
        var commitment = round.RebuildCommitment(round.Commitment!);
        var seed = DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, round.Randomness!));

        // Recomputed plainly (one ticket per member, a full sort by ticket then enc(id)) rather than by the engine's ranking.
        Assert.Equal(executed.Strata.Select(stratum => stratum.Stratum), executed.RankRoots!.Select(root => root.Stratum));
        Assert.All(executed.RankRoots!, root =>
        {
            var ranked = draw.Members.Where(member => member.Stratum == root.Stratum)
                .Select(member => (member.Id, Ticket: seed.Ticket("entity", root.Stratum, member.Id)))
                .OrderBy(entry => entry.Ticket, DrawEncoding.BytewiseOrder)
                .ThenBy(entry => DrawEncoding.Enc(entry.Id), DrawEncoding.BytewiseOrder)
                .Select((entry, rank) => StratumRanking.RankedLeaf(new RankedEntity(root.Stratum, entry.Id, entry.Ticket, rank)))
                .ToList();
            Assert.Equal(Convert.ToHexStringLower(MerkleTree.RootOfLeafData(ranked)), root.Root);
            var hashes = ranked.Select(leaf => MerkleTree.LeafHash(leaf)).ToList();
            Assert.All(executed.Selected.Where(entity => entity.Stratum == root.Stratum), entity => Assert.True(MerkleTree.VerifyInclusion(
                entity.Rank,
                ranked.Count,
                MerkleTree.LeafHash(StratumRanking.RankedLeaf(new RankedEntity(entity.Stratum, entity.EntityId, Convert.FromHexString(entity.Ticket), entity.Rank))),
                MerkleTree.InclusionProof(hashes, entity.Rank, hashes.Count),
                Convert.FromHexString(root.Root))));
        });
    }

    [Fact]
    public void An_honest_round_passes_the_rank_roots_check()
    {
        var draw = new DrawWorkflow().Complete();

        var check = Verify(draw, executed => executed).Checks.Single(check => check.Name == "rank-roots");

        Assert.Equal((CheckOutcome.Pass, "ok"), (check.Outcome, check.Detail));
    }

    [Fact]
    public void A_rank_root_that_is_not_the_recomputed_ranking_fails_naming_the_stratum()
    {
        var draw = new DrawWorkflow().Complete();
        var roots = draw.State!.Current.Execution!.RankRoots!;
        var forged = new RankRoot(roots[0].Stratum, Convert.ToHexStringLower(MerkleTree.EmptyRoot));

        var report = Verify(draw, executed => executed with { RankRoots = [forged, .. roots.Skip(1)] });

        Assert.Equal(
            $"rank-roots: stratum {roots[0].Stratum}: recomputed rank root {roots[0].Root}, recorded {roots[0].Stratum} {forged.Root}",
            report.FirstFailure);
    }

    [Fact]
    public void A_round_executed_before_rank_roots_verifies_as_before_and_says_it_has_no_per_entity_proof()
    {
        var draw = new DrawWorkflow().Complete();

        var report = Verify(draw, executed => executed with { RankRoots = null });

        Assert.True(report.Passed, report.FirstFailure);
        Assert.Contains("per-entity proof is not available", report.Checks.Single(check => check.Name == "rank-roots").Detail, StringComparison.Ordinal);
    }
}
