using FairDraw.Ledger.Access;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Statistics;
using NodaTime;

namespace FairDraw.Ledger.Tests.Statistics;

/// <summary>The result statistics' fold and computation, without a database.</summary>
public sealed class ResultStatisticsTests
{
    private static readonly Instant At = Instant.FromUtc(2021, 6, 1, 2, 0);
    private static readonly LocalDate Today = new(2021, 9, 30);
    private static readonly DivisionCode City = DivisionCode.Parse("520100");

    /// <summary>Every path through approval and publication, each prefix of which is compared.</summary>
    public static TheoryData<string> Paths => ["", "C", "R", "RC", "A", "AP", "AF", "AFD", "AFK", "AFDP"];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Given_a_result_stream_When_it_is_folded_as_a_mark_Then_status_overdue_and_lateness_equal_the_results_own(string path)
    {
        object[] events = [Recorded("T", "E1", "05-01", round: 1, overdue: false), .. path.Select(step => Step(step))];
        InspectionResult? result = null;
        ResultMark? mark = null;

        foreach (var e in events)
        {
            result = InspectionResult.Evolve(result, e);
            mark = ResultMark.Evolve(mark, e);
            Assert.Equal((result!.Status, result.Overdue, result.Publication?.Late ?? false), (mark!.Status, mark.Overdue, mark.Late));
        }
    }

    [Fact]
    public void Given_tasks_in_two_districts_one_joint_When_the_city_is_computed_Then_rows_per_district_and_department_and_the_citys_totals()
    {
        var nanming = Task(
            "2021-520102-NM-T01", "520102", "南明区局", ["信用监管处"], ["01-01", "05-01"], round: 2, ["E1", "E2", "E3", "E4"]);
        var yunyan = Task("2021-520103-YY-T01", "520103", "云岩区局", [], ["05-01"], round: 1, ["F1", "F2"]);
        var frozen = Task("2021-520103-YY-T02", "520103", "云岩区局", [], ["05-01"], round: 1, []) with { Executed = false };
        ResultMark[] results =
        [
            Mark(nanming, "E1", "01-01", ResultStatus.Published, late: true),
            Mark(nanming, "E1", "05-01", ResultStatus.Exempted),
            Mark(nanming, "E2", "05-01", ResultStatus.Returned),
            Mark(nanming, "E3", "05-01", ResultStatus.Published) with { Round = 1 }, // an earlier round's: not counted
            Mark(nanming, "X9", "05-01", ResultStatus.Published), // substituted out of the sample: not counted
            Mark(yunyan, "F1", "05-01", ResultStatus.Approved, overdue: true),
        ];
        FollowUp[] followUps =
        [
            FollowUp(nanming, "E1", "01-01", new LocalDate(2021, 9, 1), null), // 29 days open on 2021-09-30
            FollowUp(yunyan, "F1", "05-01", new LocalDate(2021, 5, 1), new LocalDate(2021, 6, 1)),
            FollowUp(yunyan, "F2", "05-01", new LocalDate(2021, 6, 1), null), // 121 days open
        ];

        var rows = Compute(City, null, [nanming, yunyan, frozen], results, followUps);

        // 01-01 belongs to its responsible partner; 05-01 (食品生产处, no partner) to each task's lead. Ordinal order: 云 < 信 < 南.
        Assert.Equal(
        [
            Row("520100", true, "云岩区局", 2, 2, 1, 50, 1, 0, 0, 0, 0, 0, null, 0, 2, 1, new FollowUpAges(0, 0, 1), 1),
            Row("520100", true, "信用监管处", 4, 4, 1, 25, 1, 1, 0, 1, 0, 100, 0, 0, 1, 0, new FollowUpAges(1, 0, 0), 0),
            Row("520100", true, "南明区局", 4, 4, 2, 50, 1, 0, 0, 0, 1, 100, null, 100, 0, 0, new FollowUpAges(0, 0, 0), 0),
            Row("520102", false, "信用监管处", 4, 4, 1, 25, 1, 1, 0, 1, 0, 100, 0, 0, 1, 0, new FollowUpAges(1, 0, 0), 0),
            Row("520102", false, "南明区局", 4, 4, 2, 50, 1, 0, 0, 0, 1, 100, null, 100, 0, 0, new FollowUpAges(0, 0, 0), 0),
            Row("520103", false, "云岩区局", 2, 2, 1, 50, 1, 0, 0, 0, 0, 0, null, 0, 2, 1, new FollowUpAges(0, 0, 1), 1),
        ],
            rows);
        Assert.Equal(
            [.. rows.Where(row => row.Jurisdiction == "520102")],
            Compute(DivisionCode.Parse("520102"), null, [nanming, yunyan], results, followUps));
        Assert.Equal([.. rows.Where(row => row.Department == "南明区局")], Compute(City, "南明区局", [nanming, yunyan], results, followUps));
    }

    [Fact]
    public void Given_a_joint_task_and_a_pending_exemption_When_computed_per_jurisdiction_Then_departments_merge_and_each_object_counts_once()
    {
        var nanming = Task(
            "2021-520102-NM-T01", "520102", "南明区局", ["信用监管处"], ["01-01", "05-01"], round: 2, ["E1", "E2", "E3", "E4"]);
        var yunyan = Task("2021-520103-YY-T01", "520103", "云岩区局", [], ["05-01"], round: 1, ["F1", "F2"]);
        ResultMark[] results =
        [
            Mark(nanming, "E1", "01-01", ResultStatus.Published, late: true),
            Mark(nanming, "E1", "05-01", ResultStatus.Exempted),
            Mark(nanming, "E2", "05-01", ResultStatus.Returned),
            Mark(yunyan, "F1", "05-01", ResultStatus.Approved),
            Mark(yunyan, "F2", "05-01", ResultStatus.ExemptionFiled),
        ];

        var rows = ResultStatistics.ComputePerJurisdiction(
            City, [nanming, yunyan], results, [], (_, code) => code == "01-01" ? "信用监管处" : "食品生产处", Today);

        // 南明区's joint task: 4 objects (not 4 per department), 4 × 2 items expected.
        Assert.Equal(
            [("520100", true, "", 6, 10, 5, 4, 1, 1, 1), ("520102", false, "", 4, 8, 3, 2, 1, 1, 0), ("520103", false, "", 2, 2, 2, 2, 0, 0, 1)],
            rows.Select(row => (row.Jurisdiction, row.Total, row.Department, row.ObjectsDrawn, row.ResultsExpected, row.ResultsEntered,
                row.Approved, row.Published, row.Exempted, row.ExemptionsPending)));
    }

    private static IReadOnlyList<ResultFigures> Compute(
        DivisionCode scope,
        string? department,
        IReadOnlyList<DrawnObjects> tasks,
        IReadOnlyList<ResultMark> results,
        IReadOnlyList<FollowUp> followUps) => ResultStatistics.Compute(
        scope, department, tasks, results, followUps, (_, code) => code == "01-01" ? "信用监管处" : "食品生产处", Today);

    private static ResultFigures Row(
        string jurisdiction, bool total, string department, int objects, int expected, int entered, double? entry, int approved, int published,
        int onTime, int late, int exempted, double? publication, double? onTimePercent, double? exemptedPercent, int opened, int closed,
        FollowUpAges ages, int overdue) => new(
        jurisdiction, total, department, objects, expected, entered, entry, approved, published, onTime, late, exempted, publication,
        onTimePercent, exemptedPercent, opened, closed, ages, overdue);

    private static DrawnObjects Task(
        string taskId,
        string jurisdiction,
        string lead,
        IReadOnlyList<string> partners,
        IReadOnlyList<string> items,
        int round,
        IReadOnlyList<string> sample) =>
        new(taskId, 2021, jurisdiction, taskId[..^4], new SamplingTaskSpec(
            taskId[^3..], "抽查", items, TaskTargeting.Untargeted, StratifyBy.None, [new StratumPlan("all", "1/10", null)], 2, 20, false,
            lead, partners, new LocalDate(2021, 4, 1), new LocalDate(2021, 10, 31)), round, true, sample);

    private static ResultMark Mark(DrawnObjects task, string entity, string item, ResultStatus status, bool late = false, bool overdue = false) =>
        new(task.TaskId, entity, item, task.Round, overdue, status, late);

    private static FollowUp FollowUp(DrawnObjects task, string entity, string item, LocalDate openedOn, LocalDate? closedOn)
    {
        var id = $"{task.TaskId}:{entity}:{item}:{FollowUpKind.AbnormalOperationsList}";
        var opened = new FollowUpOpened(id, task.TaskId, entity, item, FollowUpKind.AbnormalOperationsList, null, "列异", openedOn, "d", At);
        return new FollowUp(opened, [], closedOn is { } closed ? new FollowUpClosed(id, "已移出", closed, "d", At) : null);
    }

    private static InspectionResultRecorded Recorded(string task, string entity, string item, int round, bool overdue) => new(
        task, round, entity, item, Content(), new LocalDate(2021, 10, 31), overdue, "i1", At);

    private static ResultContent Content() =>
        new(InspectionMethod.OnSite, new LocalDate(2021, 5, 31), ["i1", "i2"], ResultOutcome.NoProblemFound, null, "", []);

    private static object Step(char step) => step switch
    {
        'C' => new InspectionResultCorrected("T", 1, "E1", "05-01", 1, Content(), new LocalDate(2021, 10, 31), true, "笔误", "i2", At),
        'R' => new InspectionResultReturned("T", "E1", "05-01", 0, "缺签字", "d", At),
        'A' => new InspectionResultApproved("T", "E1", "05-01", 0, "d", At),
        'P' => new InspectionResultPublished(
            "T", "E1", "05-01", new LocalDate(2021, 5, 31), new LocalDate(2021, 6, 29), new LocalDate(2021, 7, 1), true, 2, "d", At),
        'F' => new PublicationExemptionFiled("T", "E1", "05-01", ExemptionGround.PersonalPrivacy, "隐私", "d", At),
        'D' => new PublicationExemptionDeclined("T", "E1", "05-01", "不符合", "c", At),
        'K' => new PublicationExemptionAcknowledged("T", "E1", "05-01", "c", At),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
