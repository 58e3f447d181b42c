using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Ledger.Tests.Support;
using NodaTime;
using static FairDraw.Ledger.Tests.Results.RecordingResultTests;

namespace FairDraw.Ledger.Tests.Results;

/// <summary>Publication decisions (公示): the deadline on the official calendar, lateness in working days, and refusals.</summary>
public sealed class PublishingResultTests
{
    private const string Lead = DrawWorkflow.LeadDepartment;

    private static readonly Instant Recorded = Instant.FromUtc(2021, 6, 1, 2, 0);

    /// <summary>
    /// Inspected 2021-09-10, deadline 2021-10-14 (the worked example: 20 working days over National Day).
    /// Published on the deadline: on time; on Saturday 16 October: late by 1 (Friday 15; the Saturday adds none); on
    /// Tuesday 19 October: 15, 18 and 19 October are over, late by 3.
    /// </summary>
    [Theory]
    [InlineData(14, false, 0)]
    [InlineData(16, true, 1)]
    [InlineData(19, true, 3)]
    public void Given_an_approved_result_inspected_2021_09_10_When_it_is_published_in_October_Then_the_deadline_is_the_14th_and_lateness_counts_working_days(
        int day, bool late, int workingDaysLate)
    {
        var (draw, entity, state) = Approved(new LocalDate(2021, 9, 10));

        var published = (InspectionResultPublished)ResultPublications.Publish(
            draw.Task, Lead, state, entity, "01-01", DrawWorkflow.Division, Instant.FromUtc(2021, 10, day, 2, 0)).Single();

        Assert.Equal(
            (new LocalDate(2021, 9, 10), new LocalDate(2021, 10, 14), new LocalDate(2021, 10, day), late, workingDaysLate),
            (published.InspectionDate, published.Deadline, published.PublishedOn, published.Late, published.WorkingDaysLate));
        Assert.Equal(ResultStatus.Published, InspectionResult.Evolve(state, published)!.Status);
    }

    [Fact]
    public void Given_an_approved_result_whose_deadline_falls_in_2027_When_it_is_published_Then_the_calendar_error_names_the_inspection_date()
    {
        var (draw, entity, state) = Approved(new LocalDate(2026, 12, 20));

        var refusal = EventAssert.Fails(DomainErrorKind.Invalid, ResultPublications.DeadlineField, () => ResultPublications.Publish(
            draw.Task, Lead, state, entity, "01-01", DrawWorkflow.Division, Instant.FromUtc(2026, 12, 21, 2, 0)));

        Assert.Contains("2027", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_recorded_or_a_published_result_When_it_is_published_Then_it_is_a_conflict()
    {
        var (draw, entity, inspectors) = Drawn();
        var recorded = InspectionResult.Evolve(null, Record(draw, entity, inspectors, "2021-05-31", Recorded).Single());
        var (_, _, approved) = Approved(new LocalDate(2021, 5, 31));
        var published = InspectionResult.Evolve(
            approved, ResultPublications.Publish(draw.Task, Lead, approved, entity, "01-01", DrawWorkflow.Division, Recorded).Single());

        foreach (var state in new[] { recorded, published })
        {
            EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", () => ResultPublications.Publish(
                draw.Task, Lead, state, entity, "01-01", DrawWorkflow.Division, Recorded));
        }
    }

    /// <summary>A result of the workflow's draw, approved, its inspection date set to <paramref name="inspected"/>.</summary>
    private static (DrawWorkflow Draw, string Entity, InspectionResult State) Approved(LocalDate inspected)
    {
        var (draw, entity, inspectors) = Drawn();
        var recorded = (InspectionResultRecorded)Record(draw, entity, inspectors, "2021-05-31", Recorded).Single();
        var state = InspectionResult.Evolve(null, recorded with { Content = recorded.Content with { InspectionDate = inspected } });
        var approval = ResultApprovals.Approve(draw.Task, Lead, state, entity, "01-01", DrawWorkflow.Division, Recorded).Single();
        return (draw, entity, InspectionResult.Evolve(state, approval)!);
    }
}
