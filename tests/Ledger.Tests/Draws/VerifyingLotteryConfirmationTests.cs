using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using NodaTime;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// The order check holds a recorded lottery value to its second-party confirmation (docs/draw-protocol.md §13 step 5a):
/// each tampering below fails it by name; a recording from before issue 20 (no evidence) is not held to the rule.
/// </summary>
public sealed class VerifyingLotteryConfirmationTests
{
    private static readonly DrawWorkflow Draw = new DrawWorkflow().Complete();

    private static string? FirstFailure(Func<DrawRound, DrawRound> change, IReadOnlyList<DrawEventReceipt>? receipts = null)
    {
        var state = Draw.State! with { Rounds = [change(Draw.State!.Current)] };
        return DrawVerification.Verify(
            state, 1, RebuiltPools.WithRecorded(state.Current, EntityPoolBuilder.From(Draw.Members)), receipts ?? Draw.Receipts(), DrawWorkflow.Signer.PublicKeyText())
            .FirstFailure;
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        { "unconfirmed", "order: executed although no second party confirmed the lottery values" },
        { "by the recorder", "order: the lottery values were confirmed by their recorder 'business-division'" },
        { "other numbers", "order: the confirmed lottery values differ from the recorded ones" },
        { "no announcement", "order: the lottery value 'fucai-3d' was recorded without the reference of its official announcement" },
        { "after the execution", "order: 'executed' at 2021-04-03T14:01:00Z precedes 'lottery values confirmed' at 2021-04-03T15:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void A_tampered_confirmation_fails_the_order_check(string tampering, string failure)
    {
        Assert.Null(FirstFailure(round => round));
        Assert.Equal(failure, FirstFailure(round => tampering switch
        {
            "unconfirmed" => round with { Confirmation = null },
            "by the recorder" => round with { Confirmation = round.Confirmation! with { ConfirmedBy = round.Randomness!.RecordedBy } },
            "other numbers" => round with { Confirmation = round.Confirmation! with { Values = [new SourceValue("fucai-3d", "2.7.8./")] } },
            "no announcement" => round with { Randomness = round.Randomness! with { Evidence = [new SourceEvidence("fucai-3d", null, null)] } },
            _ => round with { Confirmation = round.Confirmation! with { ConfirmedAt = Instant.FromUtc(2021, 4, 3, 15, 0) } },
        }));
    }

    [Fact]
    public void A_confirmation_after_the_execution_in_the_ledger_fails_the_order_check()
    {
        var receipts = Draw.Receipts();
        var executed = receipts.Single(receipt => receipt.Event is DrawExecuted).Sequence;
        var reordered = receipts.Select(receipt => receipt.Event is LotteryValuesConfirmed ? receipt with { Sequence = executed + 1 } : receipt).ToList();
        Assert.StartsWith("order: the confirmation (ledger sequence", FirstFailure(round => round, reordered));
    }

    [Fact]
    public void A_round_recorded_before_the_rule_is_not_held_to_it()
    {
        var withoutConfirmation = Draw.Receipts().Where(receipt => receipt.Event is not LotteryValuesConfirmed).ToList();
        Assert.Null(FirstFailure(round => round with { Randomness = round.Randomness! with { Evidence = null }, Confirmation = null }, withoutConfirmation));
    }
}
