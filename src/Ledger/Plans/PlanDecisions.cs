using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using NodaTime;

namespace FairDraw.Ledger.Plans;

/// <summary>
/// What a plan decision needs from outside the plan's stream, read by the caller: the item list the content names (null
/// when there is none), the directory counts of the 3% rule (null when the content could not be counted because it is
/// invalid — the decision then names the problem before it needs them), and the codes of tasks already drawn.
/// </summary>
public sealed record PlanContext(ItemList? List, PlanCensus? Census, IReadOnlySet<string> DrawnTasks)
{
    public static PlanContext Undrawn(ItemList? list, PlanCensus? census) => new(list, census, new HashSet<string>());
}

/// <summary>
/// The pure decisions of the annual plan: command + state + context + actor + now → events, or a
/// <see cref="DomainException"/>. Business divisions and district bureaus draft, revise, file and adjust plans inside
/// their jurisdiction; the credit office of a jurisdiction covering the plan's acknowledges filings.
/// </summary>
public static class PlanDecisions
{
    private static readonly Role[] Planners = [Role.BusinessDivision, Role.DistrictBureau];

    /// <summary>Checks the actor may draft a plan with the given id parts, and returns the plan's id.</summary>
    public static PlanId AuthorizeDraft(int? year, string? jurisdiction, string? department, Actor actor)
    {
        actor.RequireRole("编制抽查计划 / draft sampling plans", Planners);
        var id = PlanId.Create(year, jurisdiction, department);
        actor.RequireJurisdiction(id.Jurisdiction);
        return id;
    }

    /// <summary>Drafts a new plan with its content and 3% basis; a second draft of the same plan id is a conflict.</summary>
    public static IReadOnlyList<object> Draft(DraftPlan command, Plan? state, PlanContext context, Actor actor, Instant now)
    {
        var id = AuthorizeDraft(command.Year, command.Jurisdiction, command.Department, actor);
        if (state is not null)
        {
            throw DomainException.Conflict("department", $"计划{id}已存在 / plan {id} already exists");
        }

        var content = PlanContent.Validate(command.ToContent(), id, context.List);
        var basis = PlanBasis.Compute(content, Census(context));
        return [new PlanDrafted(id.ToString(), id.Year, id.Jurisdiction, id.Department, content.DepartmentName,
            content.ItemList.Jurisdiction, content.ItemList.Version, content.Specs, basis, actor.Id, now)];
    }

    /// <summary>Replaces the content of a plan never filed; nothing is recorded when the content is unchanged.</summary>
    public static IReadOnlyList<object> Revise(RevisePlan command, Plan? state, PlanContext context, Actor actor, Instant now)
    {
        var plan = Writable(state, actor, "修改抽查计划 / revise sampling plans");
        if (plan.Status != PlanStatus.Draft)
        {
            throw DomainException.Conflict("status", $"计划{plan.Id}已报备案，只能通过调整变更 / plan {plan.Id} has been filed and changes only through an adjustment");
        }

        var content = PlanContent.Validate(command.ToContent(), plan.Id, context.List);
        if (content.SameAs(plan))
        {
            return [];
        }

        var basis = PlanBasis.Compute(content, Census(context));
        return [new PlanRevised(plan.Id.ToString(), content.DepartmentName, content.ItemList.Jurisdiction, content.ItemList.Version,
            content.Specs, basis, actor.Id, now)];
    }

    /// <summary>Files a draft or an adjusted plan upward (备案); a plan filed as it stands is not filed again.</summary>
    public static IReadOnlyList<object> File(Plan? state, Actor actor, Instant now)
    {
        var plan = Writable(state, actor, "报送计划备案 / file sampling plans");
        return plan.Status is PlanStatus.Draft or PlanStatus.Adjusted
            ? [new PlanFiled(plan.Id.ToString(), plan.Filings.Count + 1, actor.Id, now)]
            : throw DomainException.Conflict("status", $"计划{plan.Id}已报备案，调整后才能再次报备 / plan {plan.Id} is filed as it stands; it is filed again only after an adjustment");
    }

    /// <summary>Acknowledges the current filing (credit office of a jurisdiction covering the plan's).</summary>
    public static IReadOnlyList<object> Acknowledge(Plan? state, Actor actor, Instant now)
    {
        var plan = Existing(state);
        actor.RequireRole("确认计划备案 / acknowledge plan filings", Role.CreditOffice);
        actor.RequireJurisdiction(plan.Id.Jurisdiction);
        return plan.Status switch
        {
            PlanStatus.Filed => [new PlanFilingAcknowledged(plan.Id.ToString(), plan.Filings.Count, actor.Jurisdiction, actor.Id, now)],
            PlanStatus.Acknowledged => throw DomainException.Conflict("status", $"计划{plan.Id}第{plan.Filings.Count}次备案已确认 / filing {plan.Filings.Count} of plan {plan.Id} is already acknowledged"),
            _ => throw DomainException.Conflict("status", $"计划{plan.Id}当前为{PlanLabels.Statuses[plan.Status]}，没有待确认的备案 / plan {plan.Id} is {plan.Status}: no filing awaits acknowledgement"),
        };
    }

    /// <summary>
    /// Adjusts a filed plan with a reason; it must then be filed again. A task already drawn may not be removed, nor
    /// change its items, targeting, stratification, strata or ratios (409 naming the task).
    /// </summary>
    public static IReadOnlyList<object> Adjust(AdjustPlan command, Plan? state, PlanContext context, Actor actor, Instant now)
    {
        var plan = Writable(state, actor, "调整抽查计划 / adjust sampling plans");
        if (plan.Status == PlanStatus.Draft)
        {
            throw DomainException.Conflict("status", $"计划{plan.Id}尚未报备案，请直接修改 / plan {plan.Id} has not been filed; revise the draft instead");
        }

        var reason = Text.Required(command.Reason, "reason", 500, multiline: true);
        var content = PlanContent.Validate(command.ToContent(), plan.Id, context.List);
        foreach (var drawn in plan.Tasks.Where(task => context.DrawnTasks.Contains(task.Code)))
        {
            var taskId = plan.Id.TaskId(drawn.Code);
            var index = content.Tasks.ToList().FindIndex(task => task.Spec.Code == drawn.Code);
            if (index < 0)
            {
                throw DomainException.Conflict("tasks", $"任务{taskId}已摇号，不能删除 / task {taskId} has been drawn and cannot be removed");
            }

            if (!TaskSpecs.SameDraw(drawn, content.Tasks[index].Spec))
            {
                throw DomainException.Conflict($"tasks[{index}]", $"任务{taskId}已摇号，其事项、定向条件、分层和比例不能变更 / task {taskId} has been drawn; its items, targeting, strata and ratios cannot change");
            }
        }

        if (content.SameAs(plan))
        {
            throw DomainException.Invalid("", "调整内容与现计划相同 / the adjustment changes nothing in the plan");
        }

        var basis = PlanBasis.Compute(content, Census(context));
        return [new PlanAdjusted(plan.Id.ToString(), plan.Adjustments.Count + 1, reason, content.DepartmentName,
            content.ItemList.Jurisdiction, content.ItemList.Version, content.Specs, basis, actor.Id, now)];
    }

    private static Plan Existing(Plan? state) =>
        state ?? throw DomainException.NotFound("planId", "没有该抽查计划 / no such sampling plan");

    private static Plan Writable(Plan? state, Actor actor, string action)
    {
        var plan = Existing(state);
        actor.RequireRole(action, Planners);
        actor.RequireJurisdiction(plan.Id.Jurisdiction);
        return plan;
    }

    private static PlanCensus Census(PlanContext context) =>
        context.Census ?? throw new InvalidOperationException("a valid plan content was decided without its census");
}
