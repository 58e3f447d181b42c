using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;

namespace FairDraw.Ledger.Tests.Duty;

/// <summary>
/// Events no valid ledger writes, read as docs/duty-report.md says and as the JavaScript verifier reads them
/// (verifier/duty-verifier.test.mjs has the same cases): the newest event of a kind in a round, the canonical actor, and
/// streams whose shape no fold may guess at.
/// </summary>
public sealed class ReportingParity
{
    [Fact]
    public void Given_a_round_recording_its_randomness_twice_the_first_before_resolution_When_reported_Then_the_newest_is_judged()
    {
        var story = new DutyStory().Filed().Drawn();
        var leaf = story.LeafOf<RandomnessRecorded>();
        story.CosignedAt[leaf] = DutyStory.At(2021, 4, 2);
        story.AllPublished().Add(StreamKeys.Task(story.Draw.Task.TaskId), story.Events()[(int)leaf].Data);

        var clause = story.Report().Clauses[2];

        Assert.DoesNotContain(clause.Findings, finding => finding.Code.StartsWith("randomness-", StringComparison.Ordinal));
        Assert.Equal("fulfilled", clause.Verdict);
    }

    [Fact]
    public void Given_a_round_assigned_twice_When_reported_Then_clause_4_reads_the_newest_assignment()
    {
        var story = new DutyStory().Filed().Drawn();
        var first = story.LeafOf<InspectorsAssigned>();
        story.Add(StreamKeys.Task(story.Draw.Task.TaskId), story.Events()[(int)first].Data);
        var newest = story.Events()[^1].Sequence;

        var clause = story.Report().Clauses[3];

        Assert.Equal("fulfilled", clause.Verdict);
        Assert.Equal([newest], clause.Sequences);
    }

    [Fact]
    public void Given_a_substitution_written_by_its_approver_though_its_data_names_another_When_reported_Then_clause_4_refuses_it()
    {
        var story = new DutyStory().Filed().Drawn().Substituted();
        var leaf = story.LeafOf<EntitySubstituted>();
        var approver = ((EntitySubstituted)story.Events()[(int)leaf].Data).ApprovedBy;
        var events = story.Events().Select(e => e.LeafIndex == leaf ? e with { Actor = approver } : e).ToList();

        var report = DutyEngine.Build(
            new DutyScope(DutyStory.Plan, null), events.Count, events, WitnessedTimes.From(story.Checkpoints(), DutyStory.Policy),
            DutyStory.Policy, DrawWorkflow.Signer.PublicKeyText());

        var finding = Assert.Single(report.Clauses[3].Findings);
        Assert.Equal("adjustment-unapproved", finding.Code);
        Assert.Equal([events[(int)leaf].Sequence], finding.Sequences);
    }

    [Fact]
    public void Given_a_basis_ratio_the_ledger_would_not_accept_When_reported_Then_clause_2_names_the_basis_wrong()
    {
        var story = new DutyStory();
        var drafted = (PlanDrafted)story.Events()[2].Data;
        var task = drafted.Basis.Tasks[0];
        story.Replace(2, drafted with { Basis = drafted.Basis with { Tasks = [task with { Strata = [task.Strata[0] with { Ratio = "01/100" }, .. task.Strata.Skip(1)] }] } });

        var finding = Assert.Single(story.Filed().Report().Clauses[1].Findings);

        Assert.Equal(("not-fulfilled", "basis-mismatch"), (finding.Verdict, finding.Code));
    }

    [Fact]
    public void Given_the_storys_streams_When_their_shapes_are_checked_Then_none_is_refused()
    {
        var story = new DutyStory().Filed().Drawn().AllPublished();

        Assert.Empty(DutyStreamShapes.Check(story.Events()));
    }

    [Fact]
    public void Given_a_draw_event_naming_another_round_than_its_place_gives_When_checked_Then_its_stream_is_tampered()
    {
        var story = new DutyStory().Filed().Drawn();
        var leaf = (int)story.LeafOf<CommitmentPublished>();
        story.Replace(leaf, (CommitmentPublished)story.Events()[leaf].Data with { Round = 2 });

        var failure = Assert.Single(DutyStreamShapes.Check(story.Events()));

        Assert.Equal("tampered", failure.Kind);
        Assert.Equal($"stream task:{story.Draw.Task.TaskId}: sequence {leaf + 1000} (commitment_published) does not name the round its place in the stream gives (1)", failure.Detail);
    }

    [Fact]
    public void Given_a_result_recorded_twice_When_checked_Then_its_stream_is_tampered()
    {
        var story = new DutyStory().Filed().Drawn().Result(new DutyStory().Filed().Drawn().Sample[0]);
        var leaf = (int)story.LeafOf<InspectionResultRecorded>();
        var recorded = (InspectionResultRecorded)story.Events()[leaf].Data;
        story.Add(StreamKeys.Result(recorded.TaskId, recorded.EntityId, recorded.ItemCode), recorded);

        var failure = Assert.Single(DutyStreamShapes.Check(story.Events()));

        Assert.EndsWith($"sequence {story.Events()[^1].Sequence} is a second InspectionResultRecorded", failure.Detail, StringComparison.Ordinal);
    }
}
