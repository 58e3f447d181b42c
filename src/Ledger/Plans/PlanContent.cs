using FairDraw.Ledger.Items;

namespace FairDraw.Ledger.Plans;

/// <summary>The validated content of a plan: the department's name, the published item list, the tasks.</summary>
public sealed record PlanContent(string DepartmentName, ItemListId ItemList, IReadOnlyList<ValidatedTask> Tasks)
{
    public const int MaxTasks = 500;

    /// <summary>
    /// Validates <paramref name="input"/> for <paramref name="plan"/> against <paramref name="list"/>, the list the input
    /// names as the caller found it (null when there is none). Fails with the first problem, named by its JSON path.
    /// </summary>
    public static PlanContent Validate(PlanContentInput input, PlanId plan, ItemList? list)
    {
        var departmentName = Text.Required(input.DepartmentName, "departmentName", 100);
        var listId = ListId(input.ItemList);
        if (list is null || !list.IsPublished || list.Jurisdiction != listId.Jurisdiction || list.Version != listId.Version)
        {
            throw DomainException.Invalid("itemList", $"没有已发布的事项清单{listId} / there is no published item list {listId}");
        }

        if (!list.Jurisdiction.Covers(plan.Jurisdiction))
        {
            throw DomainException.Invalid("itemList.jurisdiction", $"事项清单{listId}不适用于辖区{plan.Jurisdiction} / item list {listId} does not apply to jurisdiction {plan.Jurisdiction}");
        }

        if (input.Tasks is null || input.Tasks.Count == 0)
        {
            throw DomainException.Invalid("tasks", "计划至少包含一个抽查任务 / a plan has at least one task");
        }

        if (input.Tasks.Count > MaxTasks)
        {
            throw DomainException.Invalid("tasks", $"计划最多{MaxTasks}个任务 / a plan has at most {MaxTasks} tasks");
        }

        var tasks = new List<ValidatedTask>(input.Tasks.Count);
        for (var index = 0; index < input.Tasks.Count; index++)
        {
            var task = TaskValidation.Task(input.Tasks[index], $"tasks[{index}]", plan, list);
            if (tasks.Any(other => other.Spec.Code == task.Spec.Code))
            {
                throw DomainException.Invalid($"tasks[{index}].code", $"任务代码{task.Spec.Code}重复 / task code {task.Spec.Code} is used twice");
            }

            tasks.Add(task);
        }

        return new PlanContent(departmentName, listId, tasks);
    }

    /// <summary>Validates without throwing: the content, or null when the input has a problem (the decision names it).</summary>
    public static PlanContent? TryValidate(PlanContentInput input, PlanId plan, ItemList? list)
    {
        try
        {
            return Validate(input, plan, list);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    /// <summary>The item list the input names; errors name "itemList", "itemList.jurisdiction" or "itemList.version".</summary>
    public static ItemListId ListId(ItemListReference? reference)
    {
        if (reference is null)
        {
            throw DomainException.Invalid("itemList", "请指定计划依据的事项清单 / name the item list the plan is made against");
        }

        try
        {
            return ItemListId.Parse(reference.Jurisdiction, reference.Version);
        }
        catch (DomainException problem)
        {
            throw DomainException.Invalid($"itemList.{problem.Field}", problem.Reason);
        }
    }

    /// <summary>The item list the input names, or null when it names none validly.</summary>
    public static ItemListId? TryListId(ItemListReference? reference)
    {
        try
        {
            return ListId(reference);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    public IReadOnlyList<SamplingTaskSpec> Specs => [.. Tasks.Select(task => task.Spec)];

    /// <summary>True when this content says the same as the plan's current one (same list, name and tasks in order).</summary>
    public bool SameAs(Plan plan) =>
        DepartmentName == plan.DepartmentName && ItemList == plan.ItemList && Tasks.Count == plan.Tasks.Count
        && Tasks.Zip(plan.Tasks).All(pair => TaskSpecs.Same(pair.First.Spec, pair.Second));
}
