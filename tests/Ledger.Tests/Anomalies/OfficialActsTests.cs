using FairDraw.Ledger.Anomalies;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using NodaTime;

namespace FairDraw.Ledger.Tests.Anomalies;

/// <summary>The fold of task and result streams into per-official tallies: what counts, out of what, and the events cited.</summary>
public sealed class OfficialActsTests
{
    private static readonly Instant At = Instant.FromUtc(2021, 6, 1, 2, 0);

    private static IReadOnlyList<CitedEvent> Cite(params (string Stream, object Data)[] events) =>
        [.. events.Select((e, i) => new CitedEvent(new EventCitation(i + 1, e.Stream, e.Data.GetType().Name), e.Data))];

    private static MeasureTally Of(IReadOnlyList<MeasureTally> tallies, string official, Measure measure) =>
        tallies.Single(tally => tally.Official == official && tally.Measure == measure.Name);

    private static InspectorsAssigned Assigned(string taskId, string by, int objects) => new(
        taskId, 1, [.. Enumerable.Range(0, objects).Select(i => new EntityAssignmentRecord("all", $"E{i}", []))], [], by, At);

    private static EntitySubstituted Substituted(string taskId, string by) =>
        new(taskId, 1, "all", "E0", "E9", 9, "00", "已注销 / deregistered", "注销公告", "credit-office", new("all", "E9", []), by, At);

    private static InspectorReassigned Reassigned(string taskId, string by, string rule) => new(
        taskId, 1, "E1", "I1", DrawAdjustments.Recused, rule, "I2", [], "回避 / recusal", "回避申请", "credit-office", by, At);

    [Fact]
    public void Substitutions_and_reassignments_count_per_object_the_official_assigned_and_manual_ones_apart()
    {
        var events = Cite(
            ("task:T1", Assigned("T1", "alice", 4)),
            ("task:T1", Substituted("T1", "alice")),
            ("task:T1", Reassigned("T1", "alice", ReassignmentRules.Manual)),
            ("task:T1", Reassigned("T1", "alice", ReassignmentRules.NextTicket)),
            ("task:T2", Assigned("T2", "bob", 6)),
            ("task:T2", Reassigned("T2", "bob", ReassignmentRules.NextTicket)));

        var tallies = OfficialActs.Tally(events, At);

        Assert.Equal(
            [(4, 2L), (4, 3L), (4, 4L)],
            new[] { OfficialActs.Substitutions, OfficialActs.ManualReassignments, OfficialActs.NextTicketReassignments }
                .Select(measure => Of(tallies, "alice", measure)).Select(tally => (tally.Trials, tally.Events.Single().Sequence)));
        Assert.Equal((6, 0), (Of(tallies, "bob", OfficialActs.Substitutions).Trials, Of(tallies, "bob", OfficialActs.Substitutions).Count));
        Assert.Equal(new EventCitation(6, "task:T2", nameof(InspectorReassigned)), Of(tallies, "bob", OfficialActs.NextTicketReassignments).Events.Single());
        Assert.Equal(OfficialActs.All.Count * 2, tallies.Count);
    }

    [Fact]
    public void A_redraw_is_a_round_frozen_after_the_first_out_of_every_round_the_official_froze()
    {
        var draw = new DrawWorkflow();
        var frozen = (PoolFrozen)draw.Freeze().Single(e => e is PoolFrozen);
        var events = Cite(("task:T", frozen), ("task:T", frozen with { Round = 2, Reason = "名录错误 / directory error" }));

        var redraws = Of(OfficialActs.Tally(events, At), frozen.FrozenBy, OfficialActs.Redraws);

        Assert.Equal((2, 2L), (redraws.Trials, redraws.Events.Single().Sequence));
    }

    [Fact]
    public void A_round_lapsed_after_its_sources_resolved_counts_in_both_lapse_measures_and_one_lapsed_unpublished_only_in_the_first()
    {
        var published = new DrawWorkflow().Published();
        var round = published.State!.Current;
        var committed = round.Commitment!;
        var unpublished = new DrawWorkflow();
        var bob = unpublished.Freeze().Concat(unpublished.Commit()).Select(e => e switch
        {
            PoolFrozen frozen => frozen with { TaskId = "T2", FrozenBy = "bob" },
            DrawCommitted commitment => (object)(commitment with { TaskId = "T2", CommittedBy = "bob" }),
            _ => e,
        });
        var events = Cite([("task:T1", round.Pool), ("task:T1", committed), ("task:T1", round.Publication!), .. bob.Select(e => ("task:T2", e))]);

        var lapsed = OfficialActs.Tally(events, DrawDecisions.LapsesAt(committed));
        var notYet = OfficialActs.Tally(events, DrawDecisions.LapsesAt(committed) - Duration.FromSeconds(1));

        var alice = committed.CommittedBy;
        Assert.Equal((1, 2L), (Of(lapsed, alice, OfficialActs.LapsedRounds).Trials, Of(lapsed, alice, OfficialActs.LapsedRounds).Events.Single().Sequence));
        Assert.Equal(2L, Of(lapsed, alice, OfficialActs.LapsedAfterResolution).Events.Single().Sequence);
        Assert.Equal((1, 5L), (Of(lapsed, "bob", OfficialActs.LapsedRounds).Trials, Of(lapsed, "bob", OfficialActs.LapsedRounds).Events.Single().Sequence));
        Assert.Equal(0, Of(lapsed, "bob", OfficialActs.LapsedAfterResolution).Count);
        Assert.Equal((0, 1), (Of(notYet, alice, OfficialActs.LapsedRounds).Count, Of(notYet, "bob", OfficialActs.LapsedRounds).Count));
    }

    [Fact]
    public void Late_publications_count_out_of_publications_and_exemptions_out_of_publications_and_filings()
    {
        LocalDate day = new(2021, 6, 1);
        var events = Cite(
            ("result:T:E1:05-01", new InspectionResultPublished("T", "E1", "05-01", day, day, day, false, 0, "carol", At)),
            ("result:T:E2:05-01", new InspectionResultPublished("T", "E2", "05-01", day, day, day.PlusDays(3), true, 2, "carol", At)),
            ("result:T:E3:05-01", new PublicationExemptionFiled("T", "E3", "05-01", ExemptionGround.TradeSecret, "配方 / recipe", "carol", At)));

        var tallies = OfficialActs.Tally(events, At);

        Assert.Equal((2, 2L), (Of(tallies, "carol", OfficialActs.LatePublications).Trials, Of(tallies, "carol", OfficialActs.LatePublications).Events.Single().Sequence));
        Assert.Equal((3, 3L), (Of(tallies, "carol", OfficialActs.PublicationExemptions).Trials, Of(tallies, "carol", OfficialActs.PublicationExemptions).Events.Single().Sequence));
    }
}
