using System.Net;
using Alba;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.Tests.Integrity;

[Collection(nameof(WitnessingCollection))]
public sealed class WitnessingCheckpoints(WitnessingHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.StartAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private TestWitness A => fixture.Witnesses[0];

    private TestWitness B => fixture.Witnesses[1];

    private TestWitness C => fixture.Witnesses[2];

    private async Task<SignedCheckpoint> CheckpointAsync() =>
        (await (await fixture.Host.Scenario(s => s.Get.Url("/api/ledger/checkpoint"))).ReadAsJsonAsync<SignedCheckpoint>())!;

    private async Task<Receipt> ReceiptAsync(long sequence) =>
        (await fixture.Host.GetAsJson<Receipt>($"/api/ledger/receipts/{sequence}", fixture.Token(Role.Auditor)))!;

    [Fact]
    public async Task Each_checkpoint_is_cosigned_by_every_witness_and_the_next_one_is_proved_consistent_with_it()
    {
        var submitter = fixture.NewSubmitter();
        var first = await fixture.GrowAndSignAsync(3, 0);
        Assert.All(await submitter.SubmitAsync(first, CancellationToken.None), outcome => Assert.True(outcome.Cosigned, outcome.Detail));
        var second = await fixture.GrowAndSignAsync(5, 3);
        var outcomes = await submitter.SubmitAsync(second, CancellationToken.None);

        Assert.All(outcomes, outcome => Assert.Equal("cosigned tree size 8 (from 3)", outcome.Detail));
        Assert.All(fixture.Witnesses, w => Assert.Equal([(0L, HttpStatusCode.OK), (3L, HttpStatusCode.OK)], w.Answers));
        var stored = await fixture.StoredAsync();
        Assert.Equal([3L, 3, 3, 8, 8, 8], stored.Select(row => row.Size));
        var checkpoint = await CheckpointAsync();
        Assert.True(checkpoint.NewestWitnessed);
        Assert.Equal((2, 3), (checkpoint.WitnessQuorum!.Value, checkpoint.WitnessKeys.Count));
        Assert.Equal(second + string.Concat(stored.Where(row => row.Size == 8).Select(row => row.Line)), checkpoint.WitnessedNote);
        Assert.Equal(3, Cosignatures.Check(checkpoint.WitnessedNote!, fixture.Policy).Valid.Count);
    }

    [Fact]
    public async Task A_witness_that_answers_409_with_its_size_is_caught_up_from_that_size()
    {
        var first = await fixture.GrowAndSignAsync(4, 0);
        B.Answer(new AddCheckpointRequest(0, [], first).Body()); // B cosigned size 4 before the ledger stored anything of it
        var second = await fixture.GrowAndSignAsync(2, 4);

        var outcome = (await fixture.NewSubmitter().SubmitAsync(second, CancellationToken.None)).Single(o => o.Witness == B.Name);

        Assert.Equal("cosigned tree size 6 (from 4)", outcome.Detail);
        Assert.Equal([(0L, HttpStatusCode.OK), (0L, HttpStatusCode.Conflict), (4L, HttpStatusCode.OK)], B.Answers);
    }

    [Fact]
    public async Task A_down_witness_blocks_neither_signing_nor_the_others_and_is_tried_again_with_the_next_checkpoint()
    {
        var submitter = fixture.NewSubmitter();
        C.Down = true;
        var outcomes = await submitter.SubmitAsync(await fixture.GrowAndSignAsync(2, 0), CancellationToken.None);

        Assert.Equal([true, true, false], outcomes.Select(o => o.Cosigned));
        Assert.StartsWith("unreachable: connection refused", outcomes[2].Detail, StringComparison.Ordinal);
        Assert.True((await CheckpointAsync()).NewestWitnessed); // 2 of 3 meet the quorum

        C.Down = false;
        var next = await submitter.SubmitAsync(await fixture.GrowAndSignAsync(1, 2), CancellationToken.None);
        Assert.Equal("cosigned tree size 3 (from 0)", next[2].Detail);
    }

    [Fact]
    public async Task A_checkpoint_short_of_the_quorum_is_not_witnessed_and_receipts_fall_back_to_the_newest_signed_one()
    {
        var submitter = fixture.NewSubmitter();
        await submitter.SubmitAsync(await fixture.GrowAndSignAsync(2, 0), CancellationToken.None);
        var witnessedNote = (await CheckpointAsync()).WitnessedNote;
        (B.Down, C.Down) = (true, true);
        var newest = await fixture.GrowAndSignAsync(1, 2);
        await submitter.SubmitAsync(newest, CancellationToken.None);

        var checkpoint = await CheckpointAsync();
        Assert.False(checkpoint.NewestWitnessed);
        Assert.Equal(witnessedNote, checkpoint.WitnessedNote); // still the one of size 2

        var late = await ReceiptAsync(await fixture.SequenceOfNewestAsync());
        Assert.False(late.Witnessed);
        Assert.StartsWith(newest, late.SignedCheckpoint, StringComparison.Ordinal); // with A's one cosignature
        Assert.Null(late.Verify(fixture.LogKey).Failure);
        var unmet = late.Verify(fixture.LogKey, fixture.Policy);
        Assert.Equal("witnesses: 1 of 3 witnesses cosigned (quorum 2): witness.test/a", unmet.Failure);

        var early = await ReceiptAsync(await fixture.SequenceOfNewestAsync() - 1);
        Assert.True(early.Witnessed);
        Assert.Equal(witnessedNote, early.SignedCheckpoint);
        Assert.Null(early.Verify(fixture.LogKey, fixture.Policy).Failure);

        (B.Down, C.Down) = (false, false);
        await submitter.SubmitAsync(newest, CancellationToken.None); // A is not asked again: it cosigned this size
        Assert.True((await ReceiptAsync(await fixture.SequenceOfNewestAsync())).Witnessed);
        Assert.Single(A.Answers, answer => answer.OldSize == 2);
    }

    [Fact]
    public async Task A_receipt_verifies_under_the_witnesses_policy_and_fails_a_policy_of_other_keys()
    {
        await fixture.NewSubmitter().SubmitAsync(await fixture.GrowAndSignAsync(2, 0), CancellationToken.None);
        var receipt = await ReceiptAsync(await fixture.SequenceOfNewestAsync());
        var strangers = WitnessPolicy.Parse([new Cosigner("witness.test/a", Cosigner.NewSeed()).Key.VerifierKeyText()], 1);

        var met = receipt.Verify(fixture.LogKey, fixture.Policy);
        Assert.Null(met.Failure);
        Assert.Equal("3 of 3 witnesses cosigned (quorum 2): witness.test/a, witness.test/b, witness.test/c", met.WitnessingDetail);
        Assert.StartsWith("witnesses: 0 of 1 witnesses cosigned", receipt.Verify(fixture.LogKey, strangers).Failure, StringComparison.Ordinal);
        Assert.Equal(
            "the checkpoint was not checked against witnesses (no witness policy given)", receipt.Verify(fixture.LogKey).WitnessingDetail);
    }

    [Fact]
    public async Task A_tampered_cosignature_line_is_never_stored()
    {
        A.Tampering = true;
        var outcomes = await fixture.NewSubmitter().SubmitAsync(await fixture.GrowAndSignAsync(2, 0), CancellationToken.None);

        Assert.Equal("none of the 1 line(s) answered is a valid cosignature by witness.test/a", outcomes[0].Detail);
        Assert.Equal([B.Name, C.Name], (await fixture.StoredAsync()).Select(row => row.Witness));
    }

    [Fact]
    public async Task The_log_worker_submits_in_the_background_so_a_hung_witness_holds_up_neither_signing_nor_the_others()
    {
        C.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = fixture.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await fixture.RegisterAsync(2, 0);
            await Eventually(async () => (await fixture.StoredAsync()).Count(row => row.Size == 2) == 2); // A and B, C hangs
            await fixture.RegisterAsync(3, 2);
            await Eventually(async () => (await CheckpointAsync()).SignedNote?.Contains("\n5\n", StringComparison.Ordinal) == true);
            Assert.Equal((1, 1), (C.HeldRequests, C.Holding)); // the first submission still waits on C: signing went on without it

            C.Hold.SetResult();
            await Eventually(async () => (await fixture.StoredAsync()).Count(row => row.Size == 5) == 3);
            Assert.True((await CheckpointAsync()).NewestWitnessed);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms for up to 20 s (the worker runs on its own schedule).</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200 && !await condition(); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition(), "the condition did not hold within 20 s");
    }
}
