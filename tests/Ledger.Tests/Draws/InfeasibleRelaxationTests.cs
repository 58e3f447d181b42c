using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Tests.Support;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// The relaxation of an infeasible entity (§9 step 5): a manual assignment that adds an inspector and takes none off,
/// only for an entity the transcript recorded infeasible and still short. This workflow's draw has none, so every
/// request here is refused and every forged record fails; the API tests run an accepted one on a draw that has.
/// </summary>
public sealed class InfeasibleRelaxationTests
{
    private static readonly Actor Approver = new("credit-office", Role.CreditOffice, DrawWorkflow.Guiyang);

    private static IReadOnlyList<object> Relax(DrawWorkflow draw, string entityId, string? named, string? removed = null) =>
        DrawAdjustments.Reassign(
            draw.Task, draw.State, new ReassignInspector(entityId, removed, DrawAdjustments.Infeasible, named, "补足检查人员", "人员调配单"), [],
            DrawWorkflow.Division, Approver, draw.Now);

    [Fact]
    public void A_relaxation_is_refused_for_an_entity_not_short_and_names_one_inspector_without_taking_one_off()
    {
        var draw = new DrawWorkflow().Complete();
        var round = draw.State!.Current;
        Assert.Empty(round.Assignment!.Infeasible);
        var walk = round.Assignment.Assignments[0];
        var held = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        var free = round.InspectorPool().Members.First(member => walk.Candidates.All(c => c.InspectorId != member.Id)).Id;

        EventAssert.Fails(DomainErrorKind.Conflict, "entityId", () => Relax(draw, walk.EntityId, free));
        EventAssert.Fails(DomainErrorKind.NotFound, "entityId", () => Relax(draw, draw.Members.First(m => !round.Sample().Contains(m.Id)).Id, free));
        EventAssert.Fails(DomainErrorKind.Invalid, "inspectorId", () => Relax(draw, walk.EntityId, free, held));
        EventAssert.Fails(DomainErrorKind.Invalid, "replacementInspectorId", () => Relax(draw, walk.EntityId, null));
    }

    [Fact]
    public void A_recorded_relaxation_on_an_entity_not_short_or_inconsistent_with_its_trigger_fails_verification()
    {
        var draw = new DrawWorkflow().Complete();
        var round = draw.State!.Current;
        var walk = round.Assignment!.Assignments[0];
        var held = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        // A recorded reassignment (so the ledger holds its event) rewritten into a relaxation of an entity not short.
        var recorded = Assert.IsType<InspectorReassigned>(draw.Apply(DrawAdjustments.Reassign(
            draw.Task, draw.State, new ReassignInspector(walk.EntityId, held, DrawAdjustments.Other, null, "补足检查人员", "人员调配单"), [],
            DrawWorkflow.Division, Approver, draw.Now)).Single());
        var forged = recorded with
        {
            RemovedInspectorId = null, Trigger = DrawAdjustments.Infeasible, Rule = ReassignmentRules.Manual, Candidates = [],
        };

        string? Verify(InspectorReassigned adjustment)
        {
            var state = draw.State! with { Rounds = [draw.State.Current with { Adjustments = [adjustment] }] };
            return DrawVerification.Verify(
                state, 1, RebuiltPools.WithRecorded(state.Current, EntityPoolBuilder.From(draw.Members)), draw.Receipts(),
                DrawWorkflow.Signer.PublicKeyText()).FirstFailure;
        }

        Assert.StartsWith($"adjustments: adjustment 0: the reassignment on {walk.EntityId} is not allowed: ", Verify(forged));
        Assert.StartsWith("adjustments: adjustment 0: the reassignment on", Verify(forged with { Trigger = DrawAdjustments.Recused }));
        Assert.StartsWith("adjustments: adjustment 0: the reassignment on", Verify(forged with { Rule = ReassignmentRules.NextTicket }));
    }
}
