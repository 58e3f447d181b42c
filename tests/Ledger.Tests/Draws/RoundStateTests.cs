using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using NodaTime;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// A round's state (docs/draw-protocol.md §13.1) from its events, the round after it and the clock: the furthest step of
/// the newest round, a lapse by the committed fallback at PublishBy (unpublished) or the latest source plus 72 hours
/// (published), superseded when replaced before its sources resolved, and set aside once a set-aside is recorded, which
/// the order check places after every step of the round.
/// </summary>
public sealed class RoundStateTests
{
    private static readonly Duration Second = Duration.FromSeconds(1);

    private static RoundState Of(DrawWorkflow draw, Instant now) => RoundStates.Of(draw.State!, draw.State!.Current, now);

    private static TaskDraw SetAsideAt(TaskDraw state, Instant at) => state with
    {
        Rounds = [.. state.Rounds.SkipLast(1), state.Current with
        {
            SetAside = new RoundSetAside(state.TaskId, state.Current.Number, "名录错误 / directory error", "名录更正通知", "credit-office", DrawWorkflow.Division.Id, at),
        }],
    };

    [Fact]
    public void The_newest_round_is_named_by_the_furthest_step_it_took()
    {
        var draw = new DrawWorkflow();
        var seen = new List<RoundState>();
        foreach (var step in new Action[] { () => draw.Freeze(), () => draw.Commit(), () => draw.Publish(), () => { draw.Now = DrawWorkflow.SourcesResolved; draw.Record(); }, () => draw.Confirm(), () => draw.Execute(), () => draw.Assign() })
        {
            step();
            seen.Add(Of(draw, draw.Now));
        }

        Assert.Equal(
            [RoundState.Frozen, RoundState.Committed, RoundState.Published, RoundState.Resolved, RoundState.Resolved, RoundState.Executed, RoundState.Assigned],
            seen);
    }

    [Fact]
    public void A_published_round_without_randomness_lapses_at_its_latest_source_plus_72_hours_and_an_unpublished_one_at_publish_by()
    {
        var published = new DrawWorkflow().Published();
        var lapses = DrawDecisions.LapsesAt(published.State!.Current.Commitment!);
        Assert.Equal((RoundState.Published, RoundState.Lapsed), (Of(published, lapses - Second), Of(published, lapses)));

        var unpublished = new DrawWorkflow();
        unpublished.Freeze();
        unpublished.Commit();
        var publishBy = unpublished.State!.Current.Commitment!.PublishBy;
        Assert.Equal((RoundState.Committed, RoundState.Lapsed), (Of(unpublished, publishBy - Second), Of(unpublished, publishBy)));
    }

    [Fact]
    public void A_round_replaced_before_its_sources_resolved_is_superseded_whatever_the_clock_says_later()
    {
        var draw = new DrawWorkflow();
        draw.Freeze();
        draw.Commit();
        draw.Now += Duration.FromHours(1);

        // Before the countersigned set-aside (issue 20) a reason alone replaced a committed round: such streams still read.
        draw.Apply([draw.State!.Current.Pool with { Round = 2, Reason = "来源公告有误 / the notice named the wrong source", FrozenAt = draw.Now }]);

        Assert.Equal(RoundState.Superseded, RoundStates.Of(draw.State!, draw.State!.Rounds[0], Instant.MaxValue));
        Assert.Equal(RoundState.Frozen, Of(draw, Instant.MaxValue));
    }

    [Fact]
    public void A_set_aside_assigned_round_verifies_with_attention_and_a_set_aside_dated_before_its_assignment_fails_the_order()
    {
        var draw = new DrawWorkflow().Complete();
        var assignedAt = draw.State!.Current.Assignment!.AssignedAt;
        var rebuilt = RebuiltPools.WithRecorded(draw.State!.Current, EntityPoolBuilder.From(draw.Members));
        var key = DrawWorkflow.Signer.PublicKeyText();

        var later = DrawVerification.Verify(SetAsideAt(draw.State!, assignedAt + Second), 1, rebuilt, [], key, now: Instant.MaxValue);
        Assert.Equal((RoundState.SetAside, RoundOutcome.Attention), (later.State, later.Outcome));
        Assert.Equal(CheckOutcome.Pass, later.Checks.Single(check => check.Name == "order").Outcome);

        var earlier = DrawVerification.Verify(SetAsideAt(draw.State!, assignedAt - Second), 1, rebuilt, [], key, now: Instant.MaxValue);
        Assert.Equal(RoundOutcome.Fail, earlier.Outcome);
        Assert.Equal($"order: 'set aside' at {assignedAt - Second} precedes 'inspectors assigned' at {assignedAt}", earlier.FirstFailure);
    }
}
