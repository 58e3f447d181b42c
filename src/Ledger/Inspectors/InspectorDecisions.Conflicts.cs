using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using NodaTime;

namespace FairDraw.Ledger.Inspectors;

// Conflicts of interest (利益冲突回避): the entities an inspector must not be matched to.
public static partial class InspectorDecisions
{
    /// <summary>
    /// Declares a conflict of interest with one entity. The personnel office of the inspector's jurisdiction or the
    /// inspector itself may declare one; a second declaration for the same entity is a conflict.
    /// </summary>
    public static IReadOnlyList<object> DeclareConflict(DeclareConflictOfInterest command, Inspector? state, Actor actor, Instant now)
    {
        var inspector = Existing(state);
        if (actor.Role == Role.Inspector)
        {
            if (actor.Id != inspector.Id)
            {
                throw DomainException.Forbidden("检查人员只能申报本人的利益冲突 / an inspector may declare only its own conflicts of interest");
            }
        }
        else
        {
            actor.RequireRole("申报利益冲突 / declare conflicts of interest", Role.Personnel, Role.Inspector);
            actor.RequireJurisdiction(inspector.Jurisdiction);
        }

        NotRetired(inspector);
        var uscc = Uscc.Parse(command.Uscc).Value;
        var reason = Text.Required(command.Reason, "reason", 500, multiline: true);
        return inspector.Conflicts.Contains(uscc)
            ? throw DomainException.Conflict("uscc", $"{inspector.Id}与{uscc}的利益冲突已申报 / a conflict of {inspector.Id} with {uscc} is already declared")
            : [new ConflictOfInterestDeclared(inspector.Id, uscc, reason, actor.Id, now)];
    }

    /// <summary>Withdraws a declared conflict of interest (personnel office only, so an inspector cannot undo its own recusal).</summary>
    public static IReadOnlyList<object> WithdrawConflict(string? uscc, Inspector? state, Actor actor, Instant now)
    {
        var inspector = Writable(state, actor, "撤销利益冲突 / withdraw conflicts of interest");
        var code = uscc?.Trim() ?? "";
        return inspector.Conflicts.Contains(code)
            ? [new ConflictOfInterestWithdrawn(inspector.Id, code, actor.Id, now)]
            : throw DomainException.NotFound("uscc", $"{inspector.Id}没有申报与{code}的利益冲突 / {inspector.Id} has no declared conflict with '{code}'");
    }
}
