using FairDraw.Api.Draws;
using FairDraw.Api.InspectionResults;
using FairDraw.Api.Plans;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Calendar;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;

namespace FairDraw.Api.Demo;

/// <summary>
/// The demo's 一公开 half: for every object drawn in task 01 and joint task 03, each item's result recorded by the
/// assigned inspectors, approved (a few returned and corrected first), published (most on time, a few late, a few still
/// pending), one exempted from publication, and the follow-ups their outcomes call for (some closed, some open). Every
/// step is the domain's own decision, stamped on the demo's timeline after the draws (summer and autumn 2022, since the
/// draws waited for the real drand beacon: the inspections are therefore after the tasks' 2021 end and flagged overdue).
/// The same seed always gives the same results.
/// </summary>
public static class DemoResults
{
    private const int Seed = 2022;

    /// <summary>Steps staged into one transaction before it commits.</summary>
    private const int Batch = 200;

    private static readonly LocalDate FirstInspection = new(2022, 6, 27);

    private static readonly Actor CreditOffice = new("credit-office", Role.CreditOffice, DivisionCode.Parse(Guiyang.City));

    public sealed record Outcome(bool AlreadyLoaded, int Results, int Published, int Late, int Exempted, int FollowUps, int OpenFollowUps);

    public static Task<Outcome> LoadAsync(IDocumentStore store, CancellationToken cancellation) => LoadAsync(
        store, [DemoDraw.TaskId, DemoDraw.JointTaskId],
        DemoInspectors.Generate().ToDictionary(d => d.Enrolment.Id!, d => DivisionCode.Parse(d.Enrolment.Jurisdiction)), null, cancellation);

    /// <summary>
    /// The same year of results for other drawn tasks (the benchmark's city year): <paramref name="inspectors"/> gives each
    /// assigned inspector's jurisdiction; <paramref name="committed"/>, when given, runs after each transaction with the
    /// instant of its last step (where the benchmark signs and witnesses checkpoints as a running server would).
    /// </summary>
    public static async Task<Outcome> LoadAsync(
        IDocumentStore store, IReadOnlyList<string> taskIds, IReadOnlyDictionary<string, DivisionCode> inspectors,
        Func<Instant, Task>? committed, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        if ((await TaskResults.AllAsync(session, taskIds[0], cancellation)).Count > 0)
        {
            return new Outcome(true, 0, 0, 0, 0, 0, 0);
        }

        var script = new Script();
        var random = new Random(Seed);
        foreach (var taskId in taskIds)
        {
            await PlanTaskAsync(session, script, random, taskId, inspectors);
        }

        await script.RunAsync(session, committed, cancellation);
        return script.Summary();
    }

    /// <summary>Plans every step of one task's results, each at its own instant; the script runs them in time order.</summary>
    private static async Task PlanTaskAsync(
        IDocumentSession session, Script script, Random random, string taskId, IReadOnlyDictionary<string, DivisionCode> inspectors)
    {
        var task = await PlanReads.PlannedTaskAsync(session, taskId);
        var draw = (await TaskDraws.LoadAsync(session, taskId)).State!;
        var book = AssignmentBook.Of(draw.Current);
        var items = new List<(InspectionItem Item, string Department)>();
        foreach (var code in task.Spec.ItemCodes)
        {
            var item = (await TaskResults.ItemAsync(session, task, code))!;
            items.Add((item, task.Spec.DepartmentOf(item.ResponsibleDepartment)));
        }

        var objects = draw.Current.Execution!.Selected.Select(selected => selected.EntityId).Where(book.Samples).ToList();
        foreach (var entityId in objects)
        {
            var assigned = book.InspectorsOf(entityId);
            var recorder = new Actor(assigned[0], Role.Inspector, inspectors[assigned[0]]);
            var inspected = WorkingDays.Add(FirstInspection, random.Next(0, 65));
            foreach (var (item, department) in items)
            {
                var plan = new ResultPlan(task, draw, item, department, entityId, recorder, [.. assigned.Take(2)], inspected);
                PlanResult(script, random, plan);
            }
        }
    }

    private sealed record ResultPlan(
        PlannedTask Task, TaskDraw Draw, InspectionItem Item, string Department, string EntityId, Actor Recorder,
        IReadOnlyList<string> Present, LocalDate Inspected)
    {
        public string Stream => StreamKeys.Result(Task.TaskId, EntityId, Item.Code);

        /// <summary>The official of the result's department (谁检查、谁录入、谁公开): the lead's division or its partner's.</summary>
        public Actor Official => new(
            Department == Task.Spec.LeadDepartment ? "business-division" : "food-division", Role.BusinessDivision,
            DivisionCode.Parse(Guiyang.City), Department);
    }

    /// <summary>
    /// One result's life: recorded on its inspection day, approved two working days later (some returned and corrected
    /// first, a few never approved yet), published within the 20 working days or, for a few, after them, and followed up
    /// as its outcome calls for.
    /// </summary>
    private static void PlanResult(Script script, Random random, ResultPlan plan)
    {
        var (outcome, subReason, findings) = Finding(random);
        var method = plan.Item.Methods[random.Next(plan.Item.Methods.Count)];
        var input = new ResultInput(
            method.ToString(), plan.Inspected.ToString("yyyy-MM-dd", null), plan.Present, outcome.ToString(), subReason?.ToString(), findings, []);
        script.Add(At(plan.Inspected, 17), plan.Stream, (state, now) =>
            ResultDecisions.Record(plan.Task, plan.Draw, plan.Item, (InspectionResult?)state, new RecordResult(plan.EntityId, plan.Item.Code, input), plan.Recorder, now));
        script.Results++;

        var roll = random.Next(100);
        var reviewed = plan.Inspected;
        if (roll < 3)
        {
            reviewed = WorkingDays.Add(plan.Inspected, 1);
            script.Add(At(reviewed, 10), plan.Stream, (state, now) => ResultApprovals.Return(
                plan.Task, plan.Department, (InspectionResult?)state, plan.EntityId, plan.Item.Code,
                new ReturnResult("检查记录未写明整改期限，请补充 / the record lacks the deadline for correction"), plan.Official, now));
            reviewed = WorkingDays.Add(reviewed, 1);
            var corrected = input with { Findings = findings + "（已补充整改期限 / correction deadline added）" };
            script.Add(At(reviewed, 11), plan.Stream, (state, now) => ResultDecisions.Correct(
                plan.Task, plan.Draw, plan.Item, (InspectionResult?)state, plan.EntityId, plan.Item.Code,
                new CorrectResult(corrected, "按审批意见补充整改期限 / as the approver asked"), plan.Recorder, now));
        }
        else if (roll < 4)
        {
            return; // awaiting approval
        }

        var approved = WorkingDays.Add(reviewed, 2);
        script.Add(At(approved, 10), plan.Stream, (state, now) =>
            ResultApprovals.Approve(plan.Task, plan.Department, (InspectionResult?)state, plan.EntityId, plan.Item.Code, plan.Official, now));
        PlanFollowUps(script, random, plan, outcome, subReason, approved);

        if (!script.Exempted && outcome == ResultOutcome.FollowUpPending && subReason == FollowUpReason.OtherMarketRegulationBreach)
        {
            script.Exempted = true;
            var filed = WorkingDays.Add(approved, 1);
            script.Add(At(filed, 9), plan.Stream, (state, now) => ResultExemptions.File(
                plan.Task, plan.Department, (InspectionResult?)state, plan.EntityId, plan.Item.Code,
                new FileExemption(nameof(ExemptionGround.TradeSecret), "检查记录含企业未公开的生产工艺 / the record holds an undisclosed process"),
                plan.Official, now));
            script.Add(At(WorkingDays.Add(filed, 2), 15), plan.Stream, (state, now) =>
                ResultExemptions.Acknowledge(plan.Task, (InspectionResult?)state, plan.EntityId, plan.Item.Code, CreditOffice, now));
            return;
        }

        var when = random.Next(100);
        if (when < 2)
        {
            return; // approved, not yet published
        }

        var late = when < 8;
        var published = WorkingDays.Add(plan.Inspected, late ? random.Next(21, 30) : random.Next(Math.Max(3, WorkingDays.Between(plan.Inspected, approved)), 20));
        published = published < approved ? approved : published;
        script.Add(At(published, 16), plan.Stream, (state, now) =>
            ResultPublications.Publish(plan.Task, plan.Department, (InspectionResult?)state, plan.EntityId, plan.Item.Code, plan.Official, now));
        script.Published++;
        script.Late += late ? 1 : 0;
    }

    /// <summary>The follow-up an outcome calls for (§二.八), opened the working day after approval; some still open.</summary>
    private static void PlanFollowUps(Script script, Random random, ResultPlan plan, ResultOutcome outcome, FollowUpReason? subReason, LocalDate approved)
    {
        (FollowUpKind Kind, string? Authority, string Details)? chosen = (outcome, subReason) switch
        {
            (ResultOutcome.CorrectedOnOrder, _) => (FollowUpKind.CorrectedOnSpot, null, "检查中当场责令改正年报填报错误 / corrected on the spot"),
            (ResultOutcome.FollowUpPending, FollowUpReason.UndisclosedInformation or FollowUpReason.UnreachableAtAddress) or
                (ResultOutcome.SeriousNonCooperation, _) => (FollowUpKind.AbnormalOperationsList, null, "拟列入经营异常名录 / to be listed as abnormal"),
            (ResultOutcome.FollowUpPending, FollowUpReason.FalseDisclosure or FollowUpReason.OtherMarketRegulationBreach) =>
                (FollowUpKind.CaseReferral, null, "涉嫌违法，移交案件线索 / a case lead for the enforcement division"),
            (ResultOutcome.FollowUpPending, FollowUpReason.OtherDepartmentBreach) =>
                (FollowUpKind.TransferToAuthority, "贵阳市生态环境局", "涉及排污许可，移送主管部门 / an emissions permit matter"),
            _ => null,
        };
        if (chosen is not { } followUp)
        {
            return;
        }

        var stream = StreamKeys.FollowUp(FollowUpKinds.Id(plan.Task.TaskId, plan.EntityId, plan.Item.Code, followUp.Kind));
        var opened = followUp.Kind == FollowUpKind.CorrectedOnSpot ? plan.Inspected : WorkingDays.Add(approved, 1);
        var openedAt = followUp.Kind == FollowUpKind.CorrectedOnSpot ? At(approved, 11) : At(opened, 10);
        script.Add(openedAt, stream, (state, now) => FollowUpDecisions.Open(
            plan.Task, plan.Department, script.ResultOf(plan.Stream), (FollowUp?)state,
            new OpenFollowUp(followUp.Kind.ToString(), followUp.Authority, followUp.Details, opened.ToString("yyyy-MM-dd", null)), plan.Official, now));
        script.FollowUps++;

        var last = opened;
        if (FollowUpKinds.HandsOver(followUp.Kind))
        {
            last = WorkingDays.Add(opened, 2);
            var party = followUp.Authority ?? "贵阳市市场监督管理局执法稽查处";
            script.Add(At(last, 10), stream, (state, now) => FollowUpDecisions.HandOver(
                plan.Task, plan.Department, script.ResultOf(plan.Stream), (FollowUp?)state,
                new HandOverFollowUp(party, $"筑市监移〔2022〕{random.Next(1, 300)}号", last.ToString("yyyy-MM-dd", null)), plan.Official, now));
        }

        if (followUp.Kind != FollowUpKind.CorrectedOnSpot && random.Next(100) < 45)
        {
            script.OpenFollowUps++;
            return; // still open
        }

        var closed = followUp.Kind == FollowUpKind.CorrectedOnSpot ? last : WorkingDays.Add(last, random.Next(5, 40));
        var closedAt = followUp.Kind == FollowUpKind.CorrectedOnSpot ? At(approved, 12) : At(closed, 15);
        var result = followUp.Kind switch
        {
            FollowUpKind.CorrectedOnSpot => "已当场改正 / corrected",
            FollowUpKind.AbnormalOperationsList => "已列入经营异常名录 / listed",
            FollowUpKind.CaseReferral => "已立案查处 / case opened",
            _ => "主管部门已受理 / accepted by the authority",
        };
        script.Add(closedAt, stream, (state, now) => FollowUpDecisions.Close(
            plan.Task, plan.Department, script.ResultOf(plan.Stream), (FollowUp?)state,
            new CloseFollowUp(result, closed.ToString("yyyy-MM-dd", null)), plan.Official, now));
    }

    /// <summary>A realistic mix of outcomes, with their findings (zh-CN first).</summary>
    private static (ResultOutcome Outcome, FollowUpReason? SubReason, string Findings) Finding(Random random)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 68 => (ResultOutcome.NoProblemFound, null, "未发现问题 / nothing found"),
            < 78 => (ResultOutcome.CorrectedOnOrder, null, "年报从业人数填报有误，已责令改正 / staff count misreported, corrected on order"),
            < 82 => (ResultOutcome.FollowUpPending, FollowUpReason.UndisclosedInformation, "未按规定公示股东出资信息 / shareholder contributions not disclosed"),
            < 84 => (ResultOutcome.FollowUpPending, FollowUpReason.UnreachableAtAddress, "登记住所无法联系 / not reachable at the registered address"),
            < 86 => (ResultOutcome.FollowUpPending, FollowUpReason.FalseDisclosure, "公示资产数据与账簿不符 / disclosed assets do not match the books"),
            < 88 => (ResultOutcome.FollowUpPending, FollowUpReason.OtherMarketRegulationBreach, "产品标签不符合规定 / labels not compliant"),
            < 89 => (ResultOutcome.FollowUpPending, FollowUpReason.OtherDepartmentBreach, "排污许可证过期 / emissions permit expired"),
            < 95 => (ResultOutcome.NoActivityCovered, null, "未开展本次抽查涉及的经营活动 / no activity covered"),
            < 98 => (ResultOutcome.ClosedOrLiquidating, null, "已停业 / closed"),
            < 99 => (ResultOutcome.SeriousNonCooperation, null, "拒绝接受检查 / refused the inspection"),
            _ => (ResultOutcome.Deregistered, null, "已办理注销 / deregistered"),
        };
    }

    private static Instant At(LocalDate date, int hour) => DemoClock.At(date.Year, date.Month, date.Day, hour);

    /// <summary>A known stream's folded state and version, as the demo itself appended it.</summary>
    private sealed record Known(object? State, long Version) : IStreamVersion
    {
        long IStreamVersion.StreamVersion => Version;
    }

    /// <summary>
    /// Every planned step, run in time order: each decides on the stream's state as the script folded it, and the events
    /// are staged into transactions of <see cref="Batch"/> steps (a stream staged twice commits the batch first).
    /// </summary>
    private sealed class Script
    {
        private readonly List<(Instant At, int Order, string Stream, Func<object?, Instant, IReadOnlyList<object>> Decide)> _steps = [];
        private readonly Dictionary<string, Known> _known = [];

        public int Results { get; set; }
        public int Published { get; set; }
        public int Late { get; set; }
        public bool Exempted { get; set; }
        public int FollowUps { get; set; }
        public int OpenFollowUps { get; set; }

        public void Add(Instant at, string stream, Func<object?, Instant, IReadOnlyList<object>> decide) =>
            _steps.Add((at, _steps.Count, stream, decide));

        public InspectionResult? ResultOf(string stream) => (InspectionResult?)_known.GetValueOrDefault(stream)?.State;

        public async Task RunAsync(IDocumentSession session, Func<Instant, Task>? committed, CancellationToken cancellation)
        {
            var staged = new HashSet<string>();
            var last = Instant.MinValue;
            foreach (var (at, _, stream, decide) in _steps.OrderBy(step => step.At).ThenBy(step => step.Order))
            {
                if (staged.Contains(stream) || staged.Count == Batch)
                {
                    await StreamAppend.SaveAsync(session, cancellation);
                    staged.Clear();
                    await (committed?.Invoke(last) ?? Task.CompletedTask);
                }

                last = at;

                var known = _known.GetValueOrDefault(stream) ?? new Known(null, 0);
                var events = decide(known.State, at);
                StreamAppend.Stage(session, stream, known.Version == 0 ? null : known, events);
                staged.Add(stream);
                _known[stream] = new Known(events.Aggregate(known.State, Evolve), known.Version + events.Count);
            }

            await StreamAppend.SaveAsync(session, cancellation);
            await (committed?.Invoke(last) ?? Task.CompletedTask);
        }

        public Outcome Summary() => new(false, Results, Published, Late, Exempted ? 1 : 0, FollowUps, OpenFollowUps);

        private static object? Evolve(object? state, object data) => data switch
        {
            FollowUpOpened or FollowUpHandedOver or FollowUpClosed => FollowUp.Evolve((FollowUp?)state, data),
            _ => InspectionResult.Evolve((InspectionResult?)state, data),
        };
    }
}
