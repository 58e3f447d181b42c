using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Tests.Draws;
using NodaTime;

namespace FairDraw.Ledger.Tests.Duty;

/// <summary>Clauses 3 and 4 (docs/duty-report.md §5): the draw's own-event checks and the assignments.</summary>
public sealed class ReportingDraws
{
    [Fact]
    public void Given_a_recorded_prk_that_the_values_do_not_give_When_reported_Then_clause_3_names_the_round()
    {
        var story = new DutyStory().Filed().Drawn();
        var leaf = (int)story.LeafOf<DrawExecuted>();
        var executed = (DrawExecuted)story.Events()[leaf].Data;
        story.Replace(leaf, executed with { Prk = new string('0', 64) });

        var clause = story.AllPublished().Report().Clauses[2];

        Assert.Equal("not-fulfilled", clause.Verdict);
        var finding = Assert.Single(clause.Findings);
        Assert.Equal(("prk-mismatch", "2021-520100-SJJ-01 round 1"), (finding.Code, finding.Subject));
    }

    [Fact]
    public void Given_a_selected_ticket_altered_When_reported_Then_clause_3_finds_the_ticket_mismatch()
    {
        var story = new DutyStory().Filed().Drawn();
        var leaf = (int)story.LeafOf<DrawExecuted>();
        var executed = (DrawExecuted)story.Events()[leaf].Data;
        story.Replace(leaf, executed with { Selected = [executed.Selected[0] with { Ticket = new string('f', 64) }, .. executed.Selected.Skip(1)] });

        Assert.Contains(story.Report().Clauses[2].Findings, finding => finding.Code == "ticket-mismatch");
    }

    [Fact]
    public void Given_a_commitment_signed_by_another_key_When_reported_Then_clause_3_fails_its_signature()
    {
        var story = new DutyStory().Filed().Drawn();

        var report = DutyEngine.Build(
            new DutyScope(DutyStory.Plan, null), story.Events().Count, story.Events(), WitnessedTimes.From(story.Checkpoints(), DutyStory.Policy),
            DutyStory.Policy, "another.example/ledger+00000000+AAAA");

        Assert.Contains(report.Clauses[2].Findings, finding => finding.Code == "commitment-signature");
    }

    [Fact]
    public void Given_a_round_that_lapsed_after_its_sources_resolved_When_reported_Then_clause_3_flags_it_for_attention_never_fulfilled()
    {
        var story = new DutyStory().Filed();
        story.Draw.Published();
        story.Draw.Now = DrawDecisions.LapsesAt(story.Draw.State!.Current.Commitment!) + Duration.FromHours(1);
        story.Draw.Freeze("第1轮失效 / round 1 lapsed");
        story.Appended();

        var clause = story.Report().Clauses[2];

        Assert.Equal("not-fulfilled", clause.Verdict);
        var finding = Assert.Single(clause.Findings, finding => finding.Subject.EndsWith("round 1", StringComparison.Ordinal));
        Assert.Equal("attention: lapsed-after-resolved", finding.Code);
        Assert.Contains(clause.Findings, finding => finding.Code == "in-progress" && finding.Subject.EndsWith("round 2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(60, null, -60, null)] // the witnesses saw round 2 frozen before the lapse, though the server says after
    [InlineData(-60, 30, 60, "attention: lapsed-after-resolved")] // after it, though the server says before
    [InlineData(-60, null, 60, "lapse-time-undetermined")] // the bounds straddle the lapse
    public void Given_a_round_replaced_around_its_lapse_When_reported_Then_the_newer_freezes_witnessed_bounds_decide(
        int frozenAtMinutes, int? previousCosignedMinutes, int cosignedMinutes, string? code)
    {
        var story = new DutyStory().Filed();
        story.Draw.Published();
        var lapse = DrawDecisions.LapsesAt(story.Draw.State!.Current.Commitment!);
        story.Draw.Now = lapse + Duration.FromHours(1);
        story.Draw.Freeze("第1轮失效 / round 1 lapsed");
        story.Appended();
        var leaf = story.Events().Count - 1;
        var frozen = (PoolFrozen)story.Events()[leaf].Data;
        story.Replace(leaf, frozen with { FrozenAt = lapse + Duration.FromMinutes(frozenAtMinutes) });
        story.CosignedAt[leaf] = lapse + Duration.FromMinutes(cosignedMinutes);
        if (previousCosignedMinutes is { } previous)
        {
            story.CosignedAt[leaf - 1] = lapse + Duration.FromMinutes(previous);
        }

        var findings = story.Report().Clauses[2].Findings.Where(finding => finding.Subject.EndsWith("round 1", StringComparison.Ordinal)
            && finding.Code is "attention: lapsed-after-resolved" or "lapse-time-undetermined").ToList();

        Assert.Equal(code, findings.SingleOrDefault()?.Code);
        Assert.All(findings, finding => Assert.Contains(story.Events()[leaf].Sequence, finding.Sequences));
    }

    [Fact]
    public void Given_a_randomness_recorded_before_its_sources_resolved_by_the_witnesses_When_reported_Then_clause_3_is_not_fulfilled()
    {
        var story = new DutyStory().Filed().Drawn();
        var leaf = story.LeafOf<RandomnessRecorded>();
        story.CosignedAt[leaf] = DutyStory.At(2021, 4, 2);

        var finding = Assert.Single(story.Report().Clauses[2].Findings);

        Assert.Equal(("not-fulfilled", "randomness-before-resolution"), (finding.Verdict, finding.Code));
    }

    [Fact]
    public void Given_a_set_aside_with_an_empty_approver_When_reported_Then_clause_3_refuses_it_citing_the_set_aside()
    {
        var story = new DutyStory().Filed();
        story.Draw.Published();
        story.Draw.SetAside();
        story.Appended();
        var leaf = (int)story.LeafOf<RoundSetAside>();
        Assert.DoesNotContain(story.Report().Clauses[2].Findings, finding => finding.Code == "set-aside-unapproved");

        story.Replace(leaf, (RoundSetAside)story.Events()[leaf].Data with { ApprovedBy = "" });

        var refused = Assert.Single(story.Report().Clauses[2].Findings, finding => finding.Code == "set-aside-unapproved");
        Assert.Equal(("not-fulfilled", "2021-520100-SJJ-01 round 1"), (refused.Verdict, refused.Subject));
        Assert.Equal([story.Events()[leaf].Sequence], refused.Sequences);
    }

    [Fact]
    public void Given_a_substitution_approved_by_its_own_actor_When_reported_Then_clause_4_is_not_fulfilled()
    {
        var story = new DutyStory().Filed().Drawn().Substituted();
        var leaf = (int)story.LeafOf<EntitySubstituted>();
        var substituted = (EntitySubstituted)story.Events()[leaf].Data;
        Assert.Equal("fulfilled", story.Report().Clauses[3].Verdict);

        story.Replace(leaf, substituted with { ApprovedBy = substituted.SubstitutedBy });

        var finding = Assert.Single(story.Report().Clauses[3].Findings);
        Assert.Equal("adjustment-unapproved", finding.Code);
    }

    [Fact]
    public void Given_an_inspector_assigned_despite_a_frozen_conflict_When_reported_Then_clause_4_names_the_object()
    {
        var story = new DutyStory().Filed().Drawn();
        var leaf = (int)story.LeafOf<InspectorsAssigned>();
        var assigned = (InspectorsAssigned)story.Events()[leaf].Data;
        var walk = assigned.Assignments[0];
        var inspector = walk.Candidates.First(candidate => candidate.Decision == CandidateDecision.Assigned).InspectorId;
        var frozen = (int)story.LeafOf<PoolFrozen>();
        var pool = (PoolFrozen)story.Events()[frozen].Data;
        story.Replace(frozen, pool with { Conflicts = [.. pool.Conflicts, new FrozenConflict(inspector, walk.EntityId)] });

        var findings = story.Report().Clauses[3].Findings;

        Assert.Contains(findings, finding => finding.Code == "conflict-assigned" && finding.Subject.EndsWith(walk.EntityId, StringComparison.Ordinal));
    }
}
