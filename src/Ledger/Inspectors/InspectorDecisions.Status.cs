using FairDraw.Ledger.Access;
using NodaTime;

namespace FairDraw.Ledger.Inspectors;

// Status changes: active ⇄ suspended, and either → retired (final).
public static partial class InspectorDecisions
{
    /// <summary>Suspends an active inspector, with a reason.</summary>
    public static IReadOnlyList<object> Suspend(SuspendInspector command, Inspector? state, Actor actor, Instant now)
    {
        var inspector = Writable(state, actor, "暂停执法检查人员 / suspend inspectors");
        var reason = Text.Required(command.Reason, "reason", 500, multiline: true);
        return inspector.Status == InspectorStatus.Active
            ? [new InspectorSuspended(inspector.Id, reason, actor.Id, now)]
            : throw DomainException.Conflict("status", $"只能暂停在岗人员，{inspector.Id}当前为{InspectorLabels.Statuses[inspector.Status]} / only an active inspector can be suspended; {inspector.Id} is {inspector.Status}");
    }

    /// <summary>Reinstates a suspended inspector.</summary>
    public static IReadOnlyList<object> Reinstate(Inspector? state, Actor actor, Instant now)
    {
        var inspector = Writable(state, actor, "恢复执法检查人员 / reinstate inspectors");
        return inspector.Status == InspectorStatus.Suspended
            ? [new InspectorReinstated(inspector.Id, actor.Id, now)]
            : throw DomainException.Conflict("status", $"只能恢复已暂停的人员，{inspector.Id}当前为{InspectorLabels.Statuses[inspector.Status]} / only a suspended inspector can be reinstated; {inspector.Id} is {inspector.Status}");
    }

    /// <summary>Retires an active or suspended inspector for good.</summary>
    public static IReadOnlyList<object> Retire(Inspector? state, Actor actor, Instant now)
    {
        var inspector = Writable(state, actor, "办理人员退出 / retire inspectors");
        return [new InspectorRetired(inspector.Id, actor.Id, now)];
    }
}
