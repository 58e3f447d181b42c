using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;

namespace FairDraw.Ledger.Duty;

public static partial class DutyEngine
{
    /// <summary>Clause 1: every item the plan's level must cover is in a task of the filed content.</summary>
    private static DutyClause ItemsCovered(DutyLedger ledger)
    {
        var clause = new DutyClauseBuilder(1, "items-covered");
        if (ledger.Filed is not { } filed)
        {
            clause.Check(ledger.PlanEvents);
            clause.Find(DutyVerdict.NotFulfilled, "not-filed", ledger.Scope.PlanId, ledger.PlanEvents,
                "计划尚未备案 / the plan was never filed");
            return clause.Build();
        }

        var key = StreamKeys.ItemList(filed.ListJurisdiction, filed.ListVersion);
        var covered = filed.Tasks.SelectMany(task => task.ItemCodes).ToHashSet(StringComparer.Ordinal);
        var city = ledger.Scope.Plan.Jurisdiction.IsCity;
        clause.Read([filed.Source, ledger.Filings[^1].Filed]);
        if (!ledger.ItemLists.TryGetValue(key, out var list) || list.State is null)
        {
            clause.Check([filed.Source]);
            clause.Find(DutyVerdict.NotFulfilled, "no-item-list", key, [filed.Source], $"计划所引事项清单{key}不存在 / the list {key} the plan names does not exist");
            return clause.Build();
        }

        foreach (var listed in list.State.Items.Where(x => x.Status == ItemStatus.Active && (city || x.Item.Level == ItemLevel.District)))
        {
            clause.Check(list.Events);
            if (!covered.Contains(listed.Item.Code))
            {
                clause.Find(DutyVerdict.NotFulfilled, "uncovered-item", listed.Item.Code, [.. list.Events, filed.Source],
                    $"事项{listed.Item.Code}（{listed.Item.Name}）未列入已备案计划的任何任务 / item {listed.Item.Code} is in no task of the filed plan");
            }
        }

        return clause.Build();
    }

    /// <summary>Clause 2: filed before the first task starts, every adjustment filed again, every filing acknowledged, the 3% basis.</summary>
    private static DutyClause FiledInTime(DutyLedger ledger, DutyTiming timing)
    {
        var clause = new DutyClauseBuilder(2, "plan-filed");
        var plan = ledger.PlanEvents;
        (DutyEvent Filed, PlanVersion Content)? first = ledger.Filings.Count == 0 ? null : ledger.Filings[0];
        var starts = (first?.Content ?? ledger.Versions[^1]).Tasks.Select(task => task.Start).ToList();
        clause.Check(plan);
        if (starts.Count > 0)
        {
            var deadline = BeijingTime.StartOf(starts.Min());
            var verdict = first is { } filing ? DutyTiming.VerdictOf(timing.Judge(filing.Filed, deadline)) : timing.NothingBy(deadline);
            clause.Find(verdict, first is null ? "not-filed" : verdict == DutyVerdict.NotFulfilled ? "filed-late" : "filing-time-undetermined",
                ledger.Scope.PlanId, first is { } f ? [f.Filed] : plan,
                $"计划应于首个任务开始日{DutyTiming.Text(starts.Min())}之前备案 / the plan is due to be filed before its first task starts on {DutyTiming.Text(starts.Min())}");
        }

        Refilings(ledger, clause);
        foreach (var (filed, _) in ledger.Filings)
        {
            var number = ((Plans.PlanFiled)filed.Data).Filing;
            clause.Check([filed]);
            if (!plan.Any(e => e.Data is PlanFilingAcknowledged acknowledged && acknowledged.Filing == number))
            {
                clause.Find(DutyVerdict.Pending, "not-acknowledged", $"filing {number}", [filed],
                    $"第{number}次备案尚未确认 / filing {number} is not acknowledged yet");
            }
        }

        if (ledger.Filed is { } content)
        {
            clause.Check([content.Source]);
            if (BasisProblem(content.Basis) is { } problem)
            {
                clause.Find(DutyVerdict.NotFulfilled, problem.Code, ledger.Scope.PlanId, [content.Source], problem.Detail);
            }
        }

        return clause.Build();
    }

    /// <summary>Every adjustment is filed again before any later freeze of the plan's tasks, in leaf order.</summary>
    private static void Refilings(DutyLedger ledger, DutyClauseBuilder clause)
    {
        var freezes = ledger.Tasks.Values.SelectMany(task => task.Events).Where(e => e.Data is PoolFrozen).ToList();
        foreach (var adjusted in ledger.PlanEvents.Where(e => e.Data is PlanAdjusted))
        {
            var number = ((PlanAdjusted)adjusted.Data).Adjustment;
            var refiled = ledger.PlanEvents.FirstOrDefault(e => e.Data is Plans.PlanFiled && e.LeafIndex > adjusted.LeafIndex);
            var early = freezes.Where(e => e.LeafIndex > adjusted.LeafIndex && (refiled is null || e.LeafIndex < refiled.LeafIndex)).ToList();
            clause.Check([adjusted]);
            if (early.Count > 0)
            {
                clause.Find(DutyVerdict.NotFulfilled, "frozen-before-refiling", $"adjustment {number}", [adjusted, .. early],
                    $"第{number}次调整后未重新备案即冻结摇号池 / a pool was frozen after adjustment {number} before the plan was filed again");
            }
            else if (refiled is null)
            {
                clause.Find(DutyVerdict.Pending, "adjustment-not-filed", $"adjustment {number}", [adjusted],
                    $"第{number}次调整尚未重新备案 / adjustment {number} is not filed again yet");
            }
        }
    }

    /// <summary>The recorded basis recomputed: required sample, each stratum's and task's sample, the total, and the 3% rule.</summary>
    private static (string Code, string Detail)? BasisProblem(PlanBasis basis)
    {
        var required = PlanBasis.MinimumShare.SampleSize(basis.ExistingEnterprises);
        var stratum = basis.Tasks.SelectMany(task => task.Strata.Select(s => (task.Code, Stratum: s)))
            .FirstOrDefault(x => SampleOf(x.Stratum.Ratio, x.Stratum.Enterprises) != x.Stratum.Sample);
        var task = basis.Tasks.FirstOrDefault(t => t.Strata.Sum(s => s.Sample) != t.Sample);
        return required != basis.RequiredSample
                ? ("basis-mismatch", $"应抽企业数应为{required}，记录为{basis.RequiredSample} / the required sample is {required}, recorded {basis.RequiredSample}")
            : stratum.Stratum is { } s
                ? ("basis-mismatch", $"任务{stratum.Code}分层{s.Stratum}的样本数与比例不符 / task {stratum.Code} stratum {s.Stratum}: sample {s.Sample} is not ceil({s.Ratio} × {s.Enterprises})")
            : task is not null
                ? ("basis-mismatch", $"任务{task.Code}的样本数不是各分层之和 / task {task.Code}: sample {task.Sample} is not the sum of its strata")
            : basis.Tasks.Sum(t => t.Sample) != basis.ExpectedSample
                ? ("basis-mismatch", $"预计抽查数不是各任务之和 / the expected sample {basis.ExpectedSample} is not the sum of the tasks")
            : basis.ExpectedSample < required
                ? ("below-three-percent", $"预计抽查{basis.ExpectedSample}户，低于3%（{required}户） / the expected sample {basis.ExpectedSample} is below 3% ({required})")
            : null;
    }

    /// <summary>A stratum's sample by its ratio; null for a ratio the ledger would not accept (the basis is wrong).</summary>
    private static long? SampleOf(string ratio, long enterprises)
    {
        try
        {
            return RatioText.Parse(ratio, "ratio").SampleSize(enterprises);
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
