using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Plans;
using NodaTime;

namespace FairDraw.Ledger.Tests.Duty;

/// <summary>The duty report's clauses over a whole year (docs/duty-report.md §5): a year done on time, and the plan's faults.</summary>
public sealed class ReportingDuty
{
    [Fact]
    public void Given_a_year_done_on_time_and_witnessed_When_reported_Then_every_clause_is_fulfilled_and_names_its_events()
    {
        var story = new DutyStory().Filed().Drawn().AllPublished();

        var report = story.Report();

        Assert.Equal(
            ["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled", "not-applicable"],
            report.Clauses.Select(clause => clause.Verdict));
        Assert.All(report.Clauses, clause => Assert.Empty(clause.Findings));
        Assert.Equal(story.Sample.Count, report.Clauses[5].Sequences.Count / 3);
        Assert.Equal("2021-520100-SJJ-01", Assert.Single(report.Draws).TaskId);
        Assert.NotNull(report.AsOfTime);
    }

    [Fact]
    public void Given_no_witness_policy_When_reported_Then_every_deadline_clause_is_undetermined_not_fulfilled()
    {
        var report = new DutyStory().Filed().Drawn().AllPublished().Report(witnessed: false);

        Assert.Null(report.AsOfTime);
        Assert.Null(report.Witnesses);
        Assert.Equal("fulfilled", report.Clauses[0].Verdict);
        Assert.All(new[] { 1, 2, 4, 5 }, i => Assert.Equal("undetermined", report.Clauses[i].Verdict));
        Assert.All(report.Bounds, bound => Assert.True(bound.Lower is null && bound.Upper is null));
    }

    [Fact]
    public void Given_an_active_item_in_no_task_When_reported_Then_clause_1_names_it()
    {
        var story = new DutyStory();
        var item = PlanExamples.List().Items.Single(listed => listed.Item.Code == "05-01").Item;
        story.Add(StreamKeys.ItemList("520100", "2021版"), new InspectionItemAdded(PlanExamples.Guiyang, "2021版", item, "credit-guiyang", DutyStory.At(2021, 3, 5)));

        var clause = story.Filed().Drawn().AllPublished().Report().Clauses[0];

        Assert.Equal("not-fulfilled", clause.Verdict);
        var finding = Assert.Single(clause.Findings);
        Assert.Equal(("uncovered-item", "05-01"), (finding.Code, finding.Subject));
    }

    [Fact]
    public void Given_the_plan_filed_after_its_first_task_started_When_reported_Then_clause_2_is_not_fulfilled_or_undetermined_by_the_bounds()
    {
        var late = new DutyStory().Filed(at: DutyStory.At(2021, 4, 2)).Report().Clauses[1];
        Assert.Equal("not-fulfilled", late.Verdict);
        Assert.Contains(late.Findings, finding => finding.Code == "filed-late");

        // Filed in time by the server's clock, but no witness cosigned a checkpoint holding it before the task started:
        // undecided (nothing else is appended, so no later checkpoint bounds it either; the pending acknowledgement aside).
        var story = new DutyStory().Filed(acknowledged: false);
        story.CosignedAt[story.LeafOf<PlanFiled>()] = DutyStory.At(2021, 4, 5);
        var unwitnessed = story.Report().Clauses[1];
        Assert.Equal("undetermined", unwitnessed.Verdict);
        Assert.Contains(unwitnessed.Findings, finding => finding.Code == "not-acknowledged");
        Assert.Contains(unwitnessed.Findings, finding => finding.Code == "filing-time-undetermined");
    }

    [Fact]
    public void Given_a_filing_not_acknowledged_When_reported_Then_clause_2_is_pending()
    {
        var clause = new DutyStory().Filed(acknowledged: false).Report().Clauses[1];

        Assert.Equal("pending", clause.Verdict);
        Assert.Equal("not-acknowledged", Assert.Single(clause.Findings).Code);
    }

    [Fact]
    public void Given_a_basis_whose_recorded_numbers_do_not_add_up_When_reported_Then_clause_2_names_the_mismatch()
    {
        var story = new DutyStory();
        var drafted = (PlanDrafted)story.Events()[2].Data;
        var wrong = new DutyStory();
        wrong.Replace(2, drafted with { Basis = drafted.Basis with { RequiredSample = 2 } });

        var clause = wrong.Filed().Report().Clauses[1];

        Assert.Equal("not-fulfilled", clause.Verdict);
        Assert.Contains(clause.Findings, finding => finding.Code == "basis-mismatch");
    }

    [Fact]
    public void Given_a_basis_with_two_faults_When_reported_Then_clause_2_names_only_the_first_in_the_specs_order()
    {
        var story = new DutyStory();
        var drafted = (PlanDrafted)story.Events()[2].Data;
        story.Replace(2, drafted with { Basis = drafted.Basis with { RequiredSample = 2, ExpectedSample = 1 } });

        var finding = Assert.Single(story.Filed().Report().Clauses[1].Findings);

        Assert.Equal(("basis-mismatch", "应抽企业数应为3，记录为2 / the required sample is 3, recorded 2"), (finding.Code, finding.Detail));
    }

    [Fact]
    public void Given_one_size_cosigned_twice_When_bounded_Then_the_earlier_copy_bounds_what_it_includes_and_the_later_what_follows()
    {
        var (first, again) = (DutyStory.At(2021, 5, 1), DutyStory.At(2021, 5, 3));

        var times = WitnessedTimes.From([DutyStory.Cosigned(5, again), DutyStory.Cosigned(5, first)], DutyStory.Policy);

        Assert.Equal<Instant?>(first, times.Upper(4));
        Assert.Equal<Instant?>(again, times.Lower(5));
    }

    [Fact]
    public void Given_no_plan_When_reported_Then_clauses_1_and_2_are_not_fulfilled_and_the_rest_not_applicable()
    {
        var report = DutyEngine.Build(
            new DutyScope(PlanId.Parse("2021-520100-XYZ"), null), 10, new DutyStory().Filed().Events(), WitnessedTimes.None, null, "key");

        Assert.Equal(["not-fulfilled", "not-fulfilled", "not-applicable", "not-applicable", "not-applicable", "not-applicable", "not-applicable"],
            report.Clauses.Select(clause => clause.Verdict));
        Assert.Equal("no-plan", report.Clauses[0].Findings[0].Code);
    }
}
