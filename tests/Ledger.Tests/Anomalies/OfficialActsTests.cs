using FairDraw.Ledger.Anomalies;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using NodaTime;

namespace FairDraw.Ledger.Tests.Anomalies;

/// <summary>The fold of task and result streams into per-official tallies: what counts, out of what, the events cited.</summary>
public sealed class OfficialActsTests
{
    private static readonly Instant At = Instant.FromUtc(2021, 6, 1, 2, 0);

    /// <summary>The events in the order given, at ledger positions 1, 2, …</summary>
    private static IReadOnlyList<CitedEvent> Cite(params (string Stream, object Data)[] events) =>
        [.. events.Select((e, i) => new CitedEvent(new EventCitation(i + 1, e.Stream, e.Data.GetType().Name), e.Data))];

    /// <summary>An official's trials of a measure and the ledger positions of the events counted, comma-separated.</summary>
    private static (int Trials, string Sequences) Of(IReadOnlyList<MeasureTally> tallies, string official, Measure measure)
    {
        var tally = tallies.Single(tally => tally.Official == official && tally.Measure == measure.Name);
        return (tally.Trials, string.Join(',', tally.Events.Select(e => e.Sequence)));
    }

    private static InspectorsAssigned Assigned(string taskId, string by, int objects) => new(
        taskId, 1, [.. Enumerable.Range(0, objects).Select(i => new EntityAssignmentRecord("all", $"E{i}", []))], [], by, At);

    private static EntitySubstituted Substituted(string taskId, string by) => new(
        taskId, 1, "all", "E0", "E9", 9, "00", "已注销 / deregistered", "注销公告", "credit-office", new("all", "E9", []), by, At);

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

        Assert.Equal((4, "2"), Of(tallies, "alice", OfficialActs.Substitutions));
        Assert.Equal((4, "3"), Of(tallies, "alice", OfficialActs.ManualReassignments));
        Assert.Equal((4, "4"), Of(tallies, "alice", OfficialActs.NextTicketReassignments));
        Assert.Equal((6, ""), Of(tallies, "bob", OfficialActs.Substitutions));
        var bobs = tallies.Single(t => t.Official == "bob" && t.Measure == OfficialActs.NextTicketReassignments.Name);
        Assert.Equal(new EventCitation(6, "task:T2", nameof(InspectorReassigned)), bobs.Events.Single());
        Assert.Equal(OfficialActs.All.Count * 2, tallies.Count);
    }

    [Fact]
    public void A_redraw_is_a_round_frozen_after_the_first_out_of_every_round_the_official_froze()
    {
        var frozen = (PoolFrozen)new DrawWorkflow().Freeze().Single(e => e is PoolFrozen);
        var events = Cite(("task:T", frozen), ("task:T", frozen with { Round = 2, Reason = "名录错误 / directory error" }));

        Assert.Equal((2, "2"), Of(OfficialActs.Tally(events, At), frozen.FrozenBy, OfficialActs.Redraws));
    }

    [Fact]
    public void A_round_lapsed_after_its_sources_resolved_counts_in_both_lapse_measures_and_an_unpublished_one_in_the_first()
    {
        var round = new DrawWorkflow().Published().State!.Current;
        var committed = round.Commitment!;
        var unpublished = new DrawWorkflow();
        var bob = unpublished.Freeze().Concat(unpublished.Commit()).Select(e => e switch
        {
            PoolFrozen frozen => frozen with { TaskId = "T2", FrozenBy = "bob" },
            DrawCommitted commitment => (object)(commitment with { TaskId = "T2", CommittedBy = "bob" }),
            _ => e,
        });
        var events = Cite(
            [
                ("task:T1", round.Pool), ("task:T1", committed), ("task:T1", round.Publication!),
                .. bob.Select(e => ("task:T2", e)),
            ]);

        var lapsed = OfficialActs.Tally(events, DrawDecisions.LapsesAt(committed));
        var notYet = OfficialActs.Tally(events, DrawDecisions.LapsesAt(committed) - Duration.FromSeconds(1));

        var alice = committed.CommittedBy;
        Assert.Equal((1, "2"), Of(lapsed, alice, OfficialActs.LapsedRounds));
        Assert.Equal((1, "2"), Of(lapsed, alice, OfficialActs.LapsedAfterResolution));
        Assert.Equal((1, "5"), Of(lapsed, "bob", OfficialActs.LapsedRounds));
        Assert.Equal((1, ""), Of(lapsed, "bob", OfficialActs.LapsedAfterResolution));
        Assert.Equal((1, ""), Of(notYet, alice, OfficialActs.LapsedRounds));
        Assert.Equal((1, "5"), Of(notYet, "bob", OfficialActs.LapsedRounds));
    }

    [Fact]
    public void Late_publications_count_out_of_publications_and_exemptions_out_of_publications_and_filings()
    {
        LocalDate day = new(2021, 6, 1);
        var onTime = new InspectionResultPublished("T", "E1", "05-01", day, day, day, false, 0, "carol", At);
        var late = onTime with { EntityId = "E2", PublishedOn = day.PlusDays(3), Late = true, WorkingDaysLate = 2 };
        var exempt = new PublicationExemptionFiled("T", "E3", "05-01", ExemptionGround.TradeSecret, "配方", "carol", At);
        var events = Cite(("result:T:E1:05-01", onTime), ("result:T:E2:05-01", late), ("result:T:E3:05-01", exempt));

        var tallies = OfficialActs.Tally(events, At);

        Assert.Equal((2, "2"), Of(tallies, "carol", OfficialActs.LatePublications));
        Assert.Equal((3, "3"), Of(tallies, "carol", OfficialActs.PublicationExemptions));
    }
}
