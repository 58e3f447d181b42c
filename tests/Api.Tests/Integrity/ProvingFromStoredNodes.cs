using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// Receipts and consistency proofs read from the log's stored complete subtrees (ledger_nodes) equal the proofs computed
/// from every leaf, a wrong node row only yields a receipt that fails, and migrate fills the table for a log kept without it.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed class ProvingFromStoredNodes(IntegrityHost fixture) : IAsyncLifetime
{
    private LedgerProofs Proofs => fixture.Host.Services.GetRequiredService<LedgerProofs>();

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Receipts_carry_the_proofs_every_leaf_gives_and_verify()
    {
        var leaves = await fixture.LeavesAsync();
        var sequences = await SequencesAsync();

        var receipts = await Proofs.ReceiptsAsync(sequences, CancellationToken.None);

        Assert.Equal(sequences.Count, receipts.Count);
        foreach (var receipt in receipts)
        {
            var expected = MerkleTree.InclusionProof(leaves, receipt!.LeafIndex, leaves.Count).Select(Convert.ToHexStringLower);
            Assert.Equal(expected, receipt.InclusionProof);
            Assert.Null(receipt.Verify(fixture.VerifierKey).Failure);
        }
    }

    [Fact]
    public async Task Consistency_proofs_between_many_sizes_equal_those_from_every_leaf()
    {
        var leaves = await fixture.LeavesAsync();
        var random = new Random(6962);
        var pairs = Enumerable.Range(0, 60).Select(_ => random.Next(1, leaves.Count + 1)).Select(to => (random.Next(1, to + 1), to))
            .Concat([(1, leaves.Count), (leaves.Count, leaves.Count), (1_024, 2_048), (IntegrityHost.Entities, leaves.Count)]);
        foreach (var (from, to) in pairs)
        {
            var proof = await Proofs.ConsistencyAsync(from, to, CancellationToken.None);

            Assert.Equal(MerkleTree.ConsistencyProof(leaves, from, to).Select(Convert.ToHexStringLower), proof);
        }
    }

    [Fact]
    public async Task A_wrong_node_row_gives_a_receipt_that_fails_its_inclusion_check()
    {
        var leaves = await fixture.LeavesAsync();
        var sequence = (await SequencesAsync())[0];
        var honest = (await Proofs.ReceiptsAsync([sequence], CancellationToken.None))[0]!;
        var node = MerkleTree.InclusionNodes(honest.LeafIndex, leaves.Count).First(node => node.Level > 0);

        await fixture.TamperAsync(
            $"update {{s}}.ledger_nodes set hash = sha256(hash) where level = {node.Level} and node_index = {node.Index}");
        var receipt = (await Proofs.ReceiptsAsync([sequence], CancellationToken.None))[0]!;

        Assert.NotEqual(honest.InclusionProof, receipt.InclusionProof);
        Assert.StartsWith("inclusion", receipt.Verify(fixture.VerifierKey).Failure, StringComparison.Ordinal);
        Assert.Empty((await fixture.VerifyAsync()).Findings); // the leaves, which verify-ledger recomputes from, are untouched
    }

    [Fact]
    public async Task Migrate_fills_the_nodes_of_a_log_kept_without_them()
    {
        var leaves = await fixture.LeavesAsync();
        await fixture.TamperAsync("delete from {s}.ledger_nodes");

        var added = await LedgerNodes.FillAsync(fixture.Superuser, fixture.Schema, CancellationToken.None);

        Assert.Equal(leaves.Count - long.PopCount(leaves.Count), added);
        Assert.Equal(0, await LedgerNodes.FillAsync(fixture.Superuser, fixture.Schema, CancellationToken.None));
        var receipts = await Proofs.ReceiptsAsync(await SequencesAsync(), CancellationToken.None);
        Assert.All(receipts, receipt => Assert.Null(receipt!.Verify(fixture.VerifierKey).Failure));
    }

    /// <summary>Every 37th logged event and the last, in leaf order.</summary>
    private async Task<List<long>> SequencesAsync()
    {
        var sequences = new List<long>();
        await using var command = fixture.DataSource.CreateCommand(
            $"""
            select seq_id from {fixture.Schema}.ledger_log
            where leaf_index % 37 = 5 or leaf_index = (select max(leaf_index) from {fixture.Schema}.ledger_log) order by leaf_index
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }
}
