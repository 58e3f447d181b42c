using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Ledger.Plans;

/// <summary>A validated task with the union of its items' object types (in enum order).</summary>
public sealed record ValidatedTask(SamplingTaskSpec Spec, IReadOnlyList<EntityType> ItemObjectTypes)
{
    /// <summary>The entity types of the task's pool (<see cref="TaskTargeting.PoolTypes"/>).</summary>
    public IReadOnlyList<EntityType> PoolTypes => Spec.Targeting.PoolTypes(ItemObjectTypes);
}

/// <summary>
/// Validation of one task of a plan against the plan and its item list. Every error names its JSON path under
/// <c>path</c> (e.g. "tasks[1].strata[0].ratio"). Lists come out canonical: targeting values distinct and sorted,
/// item codes and strata sorted ordinally, ratios in their shortest form.
/// </summary>
public static class TaskValidation
{
    /// <summary>The most values one targeting filter (types, industries, areas, risk classes) lists.</summary>
    public const int MaxTargetValues = 100;

    /// <summary>The most partner departments of one task.</summary>
    public const int MaxPartners = 20;

    public static ValidatedTask Task(TaskInput? input, string path, PlanId plan, ItemList list)
    {
        if (input is null)
        {
            throw DomainException.Invalid(path, "任务不能为空 / a task is required");
        }

        var code = PlanId.Code(input.Code, $"{path}.code");
        var name = Text.Required(input.Name, $"{path}.name", 200);
        var items = Items(input.ItemCodes, $"{path}.itemCodes", plan, list);
        var itemTypes = items.SelectMany(item => item.ObjectTypes).Distinct().Order().ToList();
        var targeting = Targeting(input.Targeting, $"{path}.targeting", plan.Jurisdiction);
        IReadOnlyList<EntityType> poolTypes = targeting.Types.Count == 0 ? itemTypes : [.. itemTypes.Intersect(targeting.Types).Order()];
        if (poolTypes.Count == 0)
        {
            throw DomainException.Invalid($"{path}.targeting.types", $"任务事项不适用于所选主体类型（事项适用：{string.Join("、", itemTypes)}） / the task's items apply to none of these types; they apply to {string.Join(", ", itemTypes)}");
        }

        var stratifyBy = Text.Enum(input.StratifyBy, $"{path}.stratifyBy", PlanLabels.StratifyBy);
        var strata = Strata(input.Strata, $"{path}.strata", PossibleStrata(stratifyBy, poolTypes, targeting));
        var inspectors = input.InspectorsPerEntity is { } perEntity
            ? perEntity >= 2 ? perEntity : throw DomainException.Invalid($"{path}.inspectorsPerEntity", $"每个检查对象至少2名执法人员，实际为{perEntity} / at least 2 inspectors per object are required by law, got {perEntity}")
            : throw DomainException.Invalid($"{path}.inspectorsPerEntity", "请填写每个检查对象的执法人员数 / inspectorsPerEntity is required");
        var capacity = input.CapacityCap is { } cap
            ? cap >= 1 ? cap : throw DomainException.Invalid($"{path}.capacityCap", $"每人检查对象上限至少为1，实际为{cap} / the capacity cap must be at least 1, got {cap}")
            : throw DomainException.Invalid($"{path}.capacityCap", "请填写每人检查对象上限 / capacityCap is required");
        var lead = Text.Required(input.LeadDepartment, $"{path}.leadDepartment", 100);
        var partners = Partners(input.PartnerDepartments, $"{path}.partnerDepartments", lead);
        var start = Date(input.Start, $"{path}.start", plan.Year);
        var end = Date(input.End, $"{path}.end", plan.Year);
        if (end < start)
        {
            throw DomainException.Invalid($"{path}.end", $"结束日期{end:yyyy-MM-dd}早于开始日期{start:yyyy-MM-dd} / the task ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
        }

        var spec = new SamplingTaskSpec(
            code, name, [.. items.Select(item => item.Code).Order(StringComparer.Ordinal)], targeting, stratifyBy, strata, inspectors, capacity,
            input.ExcludeInspectedThisYear ?? false, lead, partners, start, end);
        return new ValidatedTask(spec, itemTypes);
    }

    /// <summary>The labels a pool stratified by <paramref name="by"/> can hold; the plan must give each one a ratio.</summary>
    public static IReadOnlyList<string> PossibleStrata(StratifyBy by, IReadOnlyList<EntityType> poolTypes, TaskTargeting targeting) => by switch
    {
        StratifyBy.RiskClass => [.. (targeting.RiskClasses.Count > 0 ? targeting.RiskClasses : Enum.GetValues<RiskClass>()).Select(risk => risk.ToString())],
        StratifyBy.EntityType => [.. poolTypes.Select(type => type.ToString())],
        _ => [SamplingTaskSpec.WholePoolStratum],
    };

    private static List<InspectionItem> Items(IReadOnlyList<string>? codes, string path, PlanId plan, ItemList list)
    {
        if (codes is null || codes.Count == 0)
        {
            throw DomainException.Invalid(path, "任务至少包含一个抽查事项 / a task covers at least one item");
        }

        var district = !plan.Jurisdiction.IsCity && !plan.Jurisdiction.IsProvince;
        var items = new List<InspectionItem>(codes.Count);
        for (var index = 0; index < codes.Count; index++)
        {
            var field = $"{path}[{index}]";
            var code = Text.Required(codes[index], field, 32);
            var listed = list.Find(code)
                ?? throw DomainException.Invalid(field, $"事项清单{list.Jurisdiction}:{list.Version}中没有事项{code} / the item list {list.Jurisdiction}:{list.Version} has no item {code}");
            if (listed.Status != ItemStatus.Active)
            {
                throw DomainException.Invalid(field, $"事项{code}（{listed.Item.Name}）已停用 / item {code} ({listed.Item.Name}) is retired");
            }

            if (district && listed.Item.Level == ItemLevel.CityCoordinated)
            {
                throw DomainException.Invalid(field, $"事项{code}（{listed.Item.Name}）为市级统筹事项，不由区县重复计划 / item {code} ({listed.Item.Name}) is coordinated by the city and is not planned again by a district");
            }

            if (items.Any(item => item.Code == code))
            {
                throw DomainException.Invalid(field, $"事项{code}重复 / item {code} is listed twice");
            }

            items.Add(listed.Item);
        }

        return items;
    }

    private static TaskTargeting Targeting(TargetingInput? input, string path, DivisionCode jurisdiction)
    {
        if (input is null)
        {
            return TaskTargeting.Untargeted;
        }

        var types = Each(input.Types, $"{path}.types", MaxTargetValues, (value, field) => Text.Enum(value, field, EntityLabels.Types)).Distinct().Order();
        var industries = Each(input.Industries, $"{path}.industries", MaxTargetValues, IndustryCode.Parse).Distinct().Order(StringComparer.Ordinal);
        var areas = Each(input.Areas, $"{path}.areas", MaxTargetValues, (value, field) => Area(value, field, jurisdiction)).Distinct().OrderBy(area => area.Value, StringComparer.Ordinal);
        var tags = Text.Tags(input.Tags, $"{path}.tags");
        var risks = Each(input.RiskClasses, $"{path}.riskClasses", MaxTargetValues, (value, field) => Text.Enum(value, field, PlanLabels.RiskClasses)).Distinct().Order();
        return new TaskTargeting([.. types], [.. industries], [.. areas], tags, [.. risks]);
    }

    private static List<T> Each<T>(IReadOnlyList<string>? values, string path, int max, Func<string?, string, T> parse) =>
        [.. Text.AtMost(values, path, max).Select((value, index) => parse(value, $"{path}[{index}]"))];

    private static DivisionCode Area(string? value, string field, DivisionCode jurisdiction)
    {
        var area = DivisionCode.Parse(value, field);
        return jurisdiction.Covers(area)
            ? area
            : throw DomainException.Invalid(field, $"区域{area}不在计划辖区{jurisdiction}内 / area {area} lies outside the plan's jurisdiction {jurisdiction}");
    }

    private static List<StratumPlan> Strata(IReadOnlyList<StratumInput>? inputs, string path, IReadOnlyList<string> possible)
    {
        if (inputs is null || inputs.Count == 0)
        {
            throw DomainException.Invalid(path, $"请为每一层给出抽查比例（{string.Join("、", possible)}） / give a ratio for every stratum: {string.Join(", ", possible)}");
        }

        var strata = new List<StratumPlan>(inputs.Count);
        for (var index = 0; index < inputs.Count; index++)
        {
            var field = $"{path}[{index}]";
            var input = inputs[index] ?? throw DomainException.Invalid(field, "分层不能为空 / a stratum is required");
            var label = Text.Required(input.Stratum, $"{field}.stratum", 32);
            if (!possible.Contains(label, StringComparer.Ordinal))
            {
                throw DomainException.Invalid($"{field}.stratum", $"“{label}”不是该任务抽查对象的分层，可选：{string.Join("、", possible)} / '{label}' is not a stratum of this task's pool; its strata are {string.Join(", ", possible)}");
            }

            if (strata.Any(stratum => stratum.Stratum == label))
            {
                throw DomainException.Invalid($"{field}.stratum", $"分层“{label}”重复 / stratum '{label}' is given twice");
            }

            var ratio = RatioText.Parse(input.Ratio, $"{field}.ratio");
            var expertise = Text.Optional(input.Expertise, $"{field}.expertise", 32);
            if (expertise.Contains(';', StringComparison.Ordinal))
            {
                throw DomainException.Invalid($"{field}.expertise", $"专长标签“{expertise}”不能含分号 / expertise '{expertise}' may not contain ';'");
            }

            strata.Add(new StratumPlan(label, ratio.ToString(), expertise.Length == 0 ? null : expertise));
        }

        var missing = possible.Where(label => strata.All(stratum => stratum.Stratum != label)).ToList();
        return missing.Count == 0
            ? [.. strata.OrderBy(stratum => stratum.Stratum, StringComparer.Ordinal)]
            : throw DomainException.Invalid(path, $"分层{string.Join("、", missing)}缺少抽查比例 / stratum {string.Join(", ", missing)} of the pool has no ratio");
    }

    private static List<string> Partners(IReadOnlyList<string>? inputs, string path, string lead)
    {
        var partners = new List<string>();
        for (var index = 0; index < Text.AtMost(inputs, path, MaxPartners).Count; index++)
        {
            var field = $"{path}[{index}]";
            var partner = Text.Required(inputs![index], field, 100);
            if (partner == lead)
            {
                throw DomainException.Invalid(field, $"配合部门“{partner}”即牵头部门 / partner '{partner}' is the lead department");
            }

            if (partners.Contains(partner, StringComparer.Ordinal))
            {
                throw DomainException.Invalid(field, $"配合部门“{partner}”重复 / partner '{partner}' is listed twice");
            }

            partners.Add(partner);
        }

        return partners;
    }

    private static LocalDate Date(string? text, string field, int year)
    {
        var parsed = LocalDatePattern.Iso.Parse(Text.Required(text, field, 10));
        if (!parsed.Success)
        {
            throw DomainException.Invalid(field, $"日期“{text}”应为yyyy-MM-dd格式 / '{text}' is not a date such as 2021-06-01");
        }

        return parsed.Value.Year == year
            ? parsed.Value
            : throw DomainException.Invalid(field, $"日期{parsed.Value:yyyy-MM-dd}不在计划年度{year}内 / {parsed.Value:yyyy-MM-dd} lies outside the plan year {year}");
    }
}
