using FairDraw.Ledger.Duty;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;

namespace FairDraw.Ledger.Tests.Duty;

/// <summary>
/// Clauses 5, 6 and 7 and an official's steps (docs/duty-report.md §5). The task ends on 2021-11-05; a result inspected
/// on 2021-06-01 is due to be published by the end of 2021-06-30 in Beijing, 16:00 UTC (20 working days counted by hand:
/// 06-02..04, 07..11, 15..18, 21..25, 28..30; the Dragon Boat holiday 06-12..14 off).
/// </summary>
public sealed class ReportingResults
{
    [Fact]
    public void Given_objects_without_results_When_reported_before_and_after_the_tasks_end_Then_clause_5_is_pending_then_not_fulfilled()
    {
        var story = new DutyStory().Filed().Drawn();
        story.Add("note:year-end", new YearEndNote());

        Assert.Equal("pending", new DutyStory().Filed().Drawn().Report().Clauses[4].Verdict);
        var after = story.Report().Clauses[4];
        Assert.Equal("not-fulfilled", after.Verdict);
        Assert.Equal(story.Sample.Count, after.Findings.Count(finding => finding.Code == "not-inspected"));
        Assert.Equal("undetermined", story.Report(witnessed: false).Clauses[4].Verdict);
    }

    [Fact]
    public void Given_a_result_inspected_after_the_tasks_end_When_reported_Then_clause_5_names_it()
    {
        var story = new DutyStory().Filed().Drawn();
        story.Result(story.Sample[0], inspected: new NodaTime.LocalDate(2021, 11, 8), recorded: DutyStory.At(2021, 11, 8));

        var finding = Assert.Single(story.Report().Clauses[4].Findings, finding => finding.Code == "inspected-late");

        Assert.EndsWith($"{story.Sample[0]}:01-01", finding.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, 30, 9, "fulfilled", null)]
    [InlineData(6, 30, 16, "undetermined", "publication-time-undetermined")]
    [InlineData(7, 1, 9, "not-fulfilled", "published-late")]
    public void Given_a_publication_around_its_deadline_When_reported_Then_clause_6_judges_it_by_the_witnesses(
        int month, int day, int hour, string verdict, string? code)
    {
        // The witness cosigns a checkpoint without the publication a minute before it and one with it a minute after:
        // at 16:00 UTC, the deadline itself, the two bounds (15:59, 16:01) straddle it.
        var story = new DutyStory().Filed().Drawn();
        story.Result(story.Sample[0], approved: DutyStory.At(2021, 6, 3), published: DutyStory.At(2021, month, day, hour));

        var clause = story.Report().Clauses[5];

        Assert.Equal(verdict, clause.Verdict);
        Assert.Equal(code, clause.Findings.SingleOrDefault()?.Code);
    }

    [Fact]
    public void Given_a_publication_the_witnesses_bound_only_loosely_When_reported_Then_clause_6_is_undetermined_and_shows_the_bounds()
    {
        var story = new DutyStory().Filed().Drawn().Result(new DutyStory().Filed().Drawn().Sample[0], approved: DutyStory.At(2021, 6, 3), published: DutyStory.At(2021, 6, 28));
        var leaf = story.LeafOf<InspectionResultPublished>();
        story.CosignedAt[leaf] = DutyStory.At(2021, 7, 5);

        var report = story.Report();

        var finding = Assert.Single(report.Clauses[5].Findings, finding => finding.Code == "publication-time-undetermined");
        var bound = Assert.Single(report.Bounds, bound => bound.LeafIndex == leaf);
        Assert.Equal(("2021-06-28T08:59:00Z", "2021-07-05T09:00:00Z"), (bound.Lower, bound.Upper));
        Assert.StartsWith("2021-06-28T09:00:00", bound.ServerTime, StringComparison.Ordinal);
        Assert.Contains(bound.Sequence, finding.Sequences);
    }

    [Fact]
    public void Given_an_exemption_filed_in_time_When_reported_Then_clause_6_is_pending_until_it_is_acknowledged()
    {
        var story = new DutyStory().Filed().Drawn();
        var entityId = story.Sample[0];
        story.Result(entityId, approved: DutyStory.At(2021, 6, 3));
        var stream = StreamKeys.Result(story.Draw.Task.TaskId, entityId, "01-01");
        story.Add(stream, new PublicationExemptionFiled(story.Draw.Task.TaskId, entityId, "01-01", ExemptionGround.TradeSecret, "商业秘密", "approver", DutyStory.At(2021, 6, 10)));

        Assert.Equal("exemption-not-acknowledged", Assert.Single(story.Report().Clauses[5].Findings).Code);

        story.Add(stream, new PublicationExemptionAcknowledged(story.Draw.Task.TaskId, entityId, "01-01", "credit-guiyang", DutyStory.At(2021, 6, 11)));
        Assert.Empty(story.Report().Clauses[5].Findings);
    }

    [Fact]
    public void Given_a_result_calling_for_follow_ups_When_reported_Then_clause_7_wants_each_opened_handed_over_and_closed_in_time()
    {
        var story = new DutyStory().Filed().Drawn();
        var entityId = story.Sample[0];
        story.Result(entityId, approved: DutyStory.At(2021, 6, 3), published: DutyStory.At(2021, 6, 8),
            outcome: ResultOutcome.FollowUpPending, subReason: FollowUpReason.OtherMarketRegulationBreach);
        var taskId = story.Draw.Task.TaskId;
        var referral = FollowUpKinds.Id(taskId, entityId, "01-01", FollowUpKind.CaseReferral);
        story.Add(StreamKeys.FollowUp(referral), new FollowUpOpened(referral, taskId, entityId, "01-01", FollowUpKind.CaseReferral, null, "移交", new(2021, 6, 9), "approver", DutyStory.At(2021, 6, 9)));
        story.Add(StreamKeys.FollowUp(referral), new FollowUpClosed(referral, "已立案", new(2021, 6, 20), "approver", DutyStory.At(2021, 6, 20)));

        var findings = story.Report().Clauses[6].Findings;

        Assert.Equal("closed-without-hand-over", Assert.Single(findings, finding => finding.Subject == referral).Code);
        var judicial = FollowUpKinds.Id(taskId, entityId, "01-01", FollowUpKind.JudicialReferral);
        // As of 2021-06-20 its deadline (06-30) has not passed: pending, not yet a failure.
        var notOpened = Assert.Single(findings, finding => finding.Subject == judicial);
        Assert.Equal(("pending", "not-opened"), (notOpened.Verdict, notOpened.Code));
    }

    [Fact]
    public void Given_an_official_When_reported_Then_their_steps_and_the_results_they_approved_but_did_not_publish_are_listed()
    {
        var story = new DutyStory().Filed().Drawn();
        story.Result(story.Sample[0], approved: DutyStory.At(2021, 6, 3), published: DutyStory.At(2021, 6, 8));
        story.Result(story.Sample[1], approved: DutyStory.At(2021, 6, 3));
        story.Add("note:year-end", new YearEndNote());

        var report = story.Report(official: "approver");

        Assert.Equal(3, report.Performed!.Count);
        Assert.All(report.Performed, step => Assert.Equal("actor", step.Role));
        var missing = Assert.Single(report.Missing!);
        Assert.Equal(("not-published", $"{story.Draw.Task.TaskId}:{story.Sample[1]}:01-01"), (missing.Code, missing.Subject));
        Assert.Null(story.Report().Performed);
    }

    /// <summary>An event outside the scope, appended late in the year so that the as-of time passes every deadline.</summary>
    private sealed record YearEndNote : IAttributedEvent
    {
        public string Actor => "someone";

        public NodaTime.Instant OccurredAt => DutyStory.At(2021, 12, 31);
    }
}
