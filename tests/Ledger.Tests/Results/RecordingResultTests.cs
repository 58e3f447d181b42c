using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Ledger.Tests.Support;
using NodaTime;

namespace FairDraw.Ledger.Tests.Results;

/// <summary>
/// The result decisions on the workflow's 2021 draw (executed 2021-04-03; the task ends 2021-11-05): the overdue flag
/// follows the task's end date, and a correction keeps counting on from the recorded result.
/// </summary>
public sealed class RecordingResultTests
{
    internal static readonly InspectionItem AnnualReports = new(
        "01-01", "01", "企业年度报告公示信息的检查", [EntityType.Enterprise], ItemKind.General, [InspectionMethod.Written, InspectionMethod.OnlineMonitoring],
        "信用监管处", "《企业信息公示暂行条例》第十四条", ItemLevel.District);

    [Theory]
    [InlineData("2021-11-05", false)] // the task's last day
    [InlineData("2021-11-06", true)]
    public void Given_an_assigned_round_When_an_inspection_is_recorded_Then_it_is_overdue_only_after_the_tasks_end(string date, bool overdue)
    {
        var (draw, entity, inspectors) = Drawn();

        var recorded = (InspectionResultRecorded)Record(draw, entity, inspectors, date, Instant.FromUtc(2021, 12, 1, 2, 0)).Single();

        Assert.Equal((new LocalDate(2021, 11, 5), overdue, ResultOutcome.NoProblemFound), (recorded.DueBy, recorded.Overdue, recorded.Content.Outcome));
    }

    [Fact]
    public void Given_a_recorded_result_When_it_is_corrected_twice_Then_each_correction_is_numbered_and_the_state_keeps_the_original()
    {
        var (draw, entity, inspectors) = Drawn();
        var now = Instant.FromUtc(2021, 6, 1, 2, 0);
        var state = InspectionResult.Evolve(null, Record(draw, entity, inspectors, "2021-05-31", now).Single());
        var actor = new Actor(inspectors[1], Role.Inspector, DrawWorkflow.Guiyang);

        foreach (var reason in new[] { "笔误", "补充证据" })
        {
            var correction = ResultDecisions.Correct(
                draw.Task, draw.State, AnnualReports, state, entity, "01-01", new CorrectResult(Input(inspectors, "2021-05-30"), reason), actor, now).Single();
            state = InspectionResult.Evolve(state, correction);
        }

        Assert.Equal([1, 2], state!.Corrections.Select(c => c.Correction));
        Assert.Equal((new LocalDate(2021, 5, 31), new LocalDate(2021, 5, 30)), (state.Recorded.Content.InspectionDate, state.Content.InspectionDate));
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ResultDecisions.Correct(
            draw.Task, draw.State, AnnualReports, state, entity, "01-01", new CorrectResult(Input(inspectors, "2021-05-30"), "笔误"),
            DrawWorkflow.Division, now));
    }

    [Fact]
    public void Given_a_book_kept_for_another_round_When_a_result_is_recorded_Then_the_decision_books_the_current_round_itself()
    {
        var (draw, entity, inspectors) = Drawn();
        var unassigned = AssignmentBook.Of(draw.State!.Current with { Assignment = null });
        Assert.False(unassigned.Samples(entity));

        var recorded = ResultDecisions.Record(
            draw.Task, draw.State, AnnualReports, null, new RecordResult(entity, "01-01", Input(inspectors, "2021-05-31")),
            new Actor(inspectors[0], Role.Inspector, DrawWorkflow.Guiyang), Instant.FromUtc(2021, 6, 1, 2, 0), unassigned);

        Assert.Equal(entity, Assert.IsType<InspectionResultRecorded>(Assert.Single(recorded)).EntityId);
    }

    internal static (DrawWorkflow Draw, string Entity, IReadOnlyList<string> Inspectors) Drawn()
    {
        var draw = new DrawWorkflow().Complete();
        var book = AssignmentBook.Of(draw.State!.Current);
        var entity = draw.State.Current.Sample().First(id => book.InspectorsOf(id).Count == 2);
        return (draw, entity, book.InspectorsOf(entity));
    }

    internal static IReadOnlyList<object> Record(DrawWorkflow draw, string entity, IReadOnlyList<string> inspectors, string date, Instant now) =>
        ResultDecisions.Record(
            draw.Task, draw.State, AnnualReports, null, new RecordResult(entity, "01-01", Input(inspectors, date)),
            new Actor(inspectors[0], Role.Inspector, DrawWorkflow.Guiyang), now);

    internal static ResultInput Input(IReadOnlyList<string> inspectors, string date) =>
        new("书面检查", date, inspectors, "未发现问题", null, "", null);
}
