using System.Net;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// The two-witness case against the real witness program (two processes, each with its own key and state
/// folder) and this ledger's real checkpoints: the operator, holding the log's key, shows one witness a fork and the
/// other the honest extension. The fork is refused and kept as evidence, so no checkpoint reaches a 2-of-2 policy until
/// both witnesses have seen the same history.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed class WitnessesAgainstAFork(IntegrityHost fixture) : IAsyncLifetime
{
    private readonly List<WitnessProcess> _witnesses = [];

    public Task InitializeAsync() => fixture.SeedAsync();

    public async Task DisposeAsync()
    {
        foreach (var witness in _witnesses)
        {
            await witness.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_fork_shown_to_one_witness_is_refused_and_kept_while_the_honest_extension_is_cosigned()
    {
        var signer = fixture.Host.Services.GetRequiredService<CheckpointSigner>(); // the operator holds the log's key
        var proofs = fixture.Host.Services.GetRequiredService<LedgerProofs>();
        var (first, second) = (await StartWitnessAsync("witness.example/discipline-office"), await StartWitnessAsync("witness.example/credit-office"));
        var held = (await proofs.LatestCheckpointAsync(CancellationToken.None))!.Value;
        Assert.Equal(HttpStatusCode.OK, (await first.AddAsync(0, [], held.Note)).Status);
        Assert.Equal(HttpStatusCode.OK, (await second.AddAsync(0, [], held.Note)).Status);

        await using (var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            await IntegrityHost.RegisterAsync(session, "MA6WTN01");
        }

        await fixture.Log.IntegrateAsync(CancellationToken.None);
        var honest = (await fixture.Log.CheckpointAsync(CancellationToken.None))!;
        var size = CheckpointVerifier.Verify(honest, fixture.VerifierKey).TreeSize;
        var honestProof = await proofs.ConsistencyFromCheckpointAsync(held.Size, size, CancellationToken.None);

        // The fork: the same size, the first leaf replaced, signed with the log's own key, with the proof its leaves give.
        var leaves = (await fixture.LeavesAsync()).Take((int)size).ToList();
        leaves[0] = MerkleTree.LeafHash("a rewritten first event"u8);
        var fork = signer.Sign(new Checkpoint(signer.KeyName, size, MerkleTree.Root(leaves)));
        var forkProof = MerkleTree.ConsistencyProof(leaves, held.Size, size);

        var refused = await first.AddAsync(held.Size, forkProof, fork);
        var cosigned = await second.AddAsync(held.Size, honestProof, honest);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(HttpStatusCode.OK, cosigned.Status);
        var evidence = Assert.Single(Directory.GetFiles(Path.Combine(first.State, "evidence")));
        Assert.Contains(fork.Split('\n')[2], await File.ReadAllTextAsync(evidence), StringComparison.Ordinal); // the forked root
        Assert.Equal(held.Note.Split('\n')[2], (await first.LatestAsync(signer.KeyName)).Split('\n')[2]); // its state did not move

        var policy = WitnessPolicy.Parse([first.Key, second.Key], 2);
        Assert.False(Cosignatures.Check(fork, policy).Met);
        Assert.Equal(second.Key, Assert.Single(Cosignatures.Check(honest + cosigned.Body, policy).Valid).Witness.VerifierKeyText());

        var caughtUp = await first.AddAsync(held.Size, honestProof, honest);
        Assert.True(Cosignatures.Check(honest + cosigned.Body + caughtUp.Body, policy).Met);
        Assert.Equal(CheckOutcome.Pass, (await fixture.VerifyAgainstAsync(first.State, second.State)).Outcome);
    }

    private async Task<WitnessProcess> StartWitnessAsync(string name)
    {
        var witness = await WitnessProcess.StartAsync(name, fixture.Host.Services.GetRequiredService<CheckpointSigner>());
        _witnesses.Add(witness);
        return witness;
    }
}
