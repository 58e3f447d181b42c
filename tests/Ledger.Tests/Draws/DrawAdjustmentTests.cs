using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Tests.Support;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>Substitution and reassignment after assignment: objective rules, reason, evidence, approver, and replayable.</summary>
public sealed class DrawAdjustmentTests
{
    private static readonly Actor Approver = new("credit-office", Role.CreditOffice, DrawWorkflow.Guiyang);

    private static DrawWorkflow Assigned() => new DrawWorkflow().Complete();

    private static IReadOnlyList<object> Substitute(DrawWorkflow draw, string entityId, Actor? approver = null) =>
        draw.Apply(DrawAdjustments.Substitute(draw.Task, draw.State, new SubstituteEntity(entityId, "企业已注销 / deregistered", "注销登记通知书"), EntityPool.Freeze(draw.Members), [], DrawWorkflow.Division, approver ?? Approver, draw.Now));

    private static IReadOnlyList<object> Reassign(DrawWorkflow draw, string entityId, string inspectorId, string? named = null) =>
        draw.Apply(DrawAdjustments.Reassign(draw.Task, draw.State, new ReassignInspector(entityId, inspectorId, DrawAdjustments.Recused, named, "检查员与企业负责人系近亲属", "回避申请表"), [], DrawWorkflow.Division, Approver, draw.Now));

    private static DrawReport Verify(DrawWorkflow draw) =>
        DrawVerification.Verify(draw.State!, draw.State!.Current.Number, RebuiltPools.WithRecorded(draw.State!.Current, EntityPoolBuilder.From(draw.Members)), draw.Receipts(), DrawWorkflow.Signer.PublicKeyText());

    [Fact]
    public void A_substitute_is_the_next_unused_ticket_of_the_stratum_and_the_draw_still_verifies()
    {
        var draw = Assigned();
        var round = draw.State!.Current;
        var gone = round.Execution!.Selected.First(entity => entity.Stratum == "D");
        var commitment = round.RebuildCommitment(round.Commitment!);
        var seed = DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, round.Randomness!));
        var ranking = EntitySelection.Draw(seed, EntityPool.Freeze(draw.Members), commitment.Rules).RankingOf("D");

        var substituted = Assert.IsType<EntitySubstituted>(Substitute(draw, gone.EntityId).Single());

        Assert.Equal(ranking.Ranked[(int)ranking.SampleSize].Id, substituted.ReplacementId);
        Assert.Equal(2, substituted.Assignment.Candidates.Count(candidate => candidate.Decision == CandidateDecision.Assigned));
        Assert.DoesNotContain(gone.EntityId, draw.State!.Current.Sample());
        Assert.Contains(substituted.ReplacementId, draw.State.Current.Sample());
        var report = Verify(draw);
        Assert.True(report.Passed, report.FirstFailure);
    }

    [Fact]
    public void A_substitution_needs_an_approver_other_than_the_actor_and_an_entity_in_the_sample()
    {
        var draw = Assigned();
        var sampled = draw.State!.Current.Execution!.Selected[0].EntityId;
        EventAssert.Fails(DomainErrorKind.Invalid, DrawAdjustments.ApprovalField, () => DrawAdjustments.Substitute(
            draw.Task, draw.State, new SubstituteEntity(sampled, "企业已注销 / deregistered", "注销登记通知书"), EntityPool.Freeze(draw.Members), [], DrawWorkflow.Division, null, draw.Now));
        EventAssert.Fails(DomainErrorKind.Invalid, DrawAdjustments.ApprovalField, () => Substitute(draw, sampled, DrawWorkflow.Division));
        EventAssert.Fails(DomainErrorKind.Forbidden, DrawAdjustments.ApprovalField, () => Substitute(draw, sampled, new Actor("inspector-1", Role.Inspector, DrawWorkflow.Guiyang)));
        EventAssert.Fails(DomainErrorKind.Forbidden, DrawAdjustments.ApprovalField, () => Substitute(draw, sampled, new Actor("colleague", Role.BusinessDivision, DrawWorkflow.Guiyang)));
        EventAssert.Fails(DomainErrorKind.Forbidden, DrawAdjustments.ApprovalField, () => Substitute(draw, sampled, new Actor("nanming-credit", Role.CreditOffice, DivisionCode.Parse("520102"))));
        Assert.Equal("credit-office", Assert.IsType<EntitySubstituted>(Substitute(draw, sampled).Single()).ApprovedBy);
        var outside = draw.Members.First(member => !draw.State.Current.Sample().Contains(member.Id)).Id;
        EventAssert.Fails(DomainErrorKind.NotFound, "entityId", () => Substitute(draw, outside));
    }

    [Fact]
    public void No_adjustment_before_inspectors_are_assigned()
    {
        var draw = new DrawWorkflow();
        draw.Freeze();
        EventAssert.Fails(DomainErrorKind.Conflict, "round", () => Substitute(draw, draw.Members[0].Id));
    }

    [Fact]
    public void A_recused_inspector_is_replaced_by_the_next_candidate_of_the_entity_walk_and_the_draw_still_verifies()
    {
        var draw = Assigned();
        var walk = draw.State!.Current.Assignment!.Assignments.First(w => w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var removed = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;

        var reassigned = Assert.IsType<InspectorReassigned>(Reassign(draw, walk.EntityId, removed).Single());

        Assert.Equal(ReassignmentRules.NextTicket, reassigned.Rule);
        Assert.NotNull(reassigned.ReplacementInspectorId);
        Assert.Equal(reassigned.ReplacementInspectorId, reassigned.Candidates[^1].InspectorId);
        Assert.DoesNotContain(reassigned.Candidates, c => walk.Candidates.Any(earlier => earlier.InspectorId == c.InspectorId));
        var report = Verify(draw);
        Assert.True(report.Passed, report.FirstFailure);
    }

    [Fact]
    public void A_manual_replacement_must_pass_every_check_of_the_walk()
    {
        var draw = Assigned();
        var walk = draw.State!.Current.Assignment!.Assignments.First(w => w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var assigned = walk.Candidates.Where(c => c.Decision == CandidateDecision.Assigned).Select(c => c.InspectorId).ToList();
        var inactive = draw.Pools.Inspectors.Members.First(member => !member.Active).Id;
        EventAssert.Fails(DomainErrorKind.Invalid, "replacementInspectorId", () => Reassign(draw, walk.EntityId, assigned[0], inactive));
        EventAssert.Fails(DomainErrorKind.Invalid, "replacementInspectorId", () => Reassign(draw, walk.EntityId, assigned[0], assigned[1]));

        var otherUnit = draw.State.Current.InspectorPool().Members.First(member =>
            member.Active && !assigned.Contains(member.Id) && member.Unit != draw.Pools.Inspectors.Members.First(m => m.Id == assigned[1]).Unit
            && InspectorMatching.Decide(member, walk.Stratum, walk.EntityId, draw.Pools.Conflicts, draw.State.Current.Rules(), AssignmentBook.Of(draw.State.Current).Held.GetValueOrDefault(member.Id), [draw.Pools.Inspectors.Members.First(m => m.Id == assigned[1]).Unit]) == CandidateDecision.Assigned);
        var manual = Assert.IsType<InspectorReassigned>(Reassign(draw, walk.EntityId, assigned[0], otherUnit.Id).Single());
        Assert.Equal(ReassignmentRules.Manual, manual.Rule);
        var report = Verify(draw);
        Assert.True(report.Passed, report.FirstFailure);
    }

    [Fact]
    public void An_inspector_taken_off_an_entity_is_skipped_as_removed_by_a_later_next_ticket_walk()
    {
        var draw = Assigned();
        var walk = draw.State!.Current.Assignment!.Assignments.First(w => w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var first = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        // Who the next ticket would give: named by hand instead, it lies beyond the consulted position, which stays put.
        var next = Assert.IsType<InspectorReassigned>(DrawAdjustments.Reassign(
            draw.Task, draw.State, new ReassignInspector(walk.EntityId, first, DrawAdjustments.Recused, null, "回避", "回避申请表"), [],
            DrawWorkflow.Division, Approver, draw.Now).Single()).ReplacementInspectorId!;
        Reassign(draw, walk.EntityId, first, next);

        var again = Assert.IsType<InspectorReassigned>(Reassign(draw, walk.EntityId, next).Single());

        Assert.Equal(CandidateDecision.Removed, again.Candidates.Single(c => c.InspectorId == next).Decision);
        Assert.NotEqual(next, again.ReplacementInspectorId);
        var report = Verify(draw);
        Assert.True(report.Passed, report.FirstFailure);
    }

    [Fact]
    public void A_recorded_substitute_other_than_the_next_ticket_fails_verification()
    {
        var draw = Assigned();
        var gone = draw.State!.Current.Execution!.Selected[0];
        Substitute(draw, gone.EntityId);
        var honest = draw.State!;
        var forged = honest with
        {
            Rounds = [honest.Current with { Adjustments = [Assert.IsType<EntitySubstituted>(honest.Current.Adjustments[0]) with { ReplacementId = draw.Members[^1].Id }] }],
        };
        var report = DrawVerification.Verify(forged, 1, RebuiltPools.WithRecorded(forged.Current, EntityPoolBuilder.From(draw.Members)), draw.Receipts(), DrawWorkflow.Signer.PublicKeyText());
        Assert.StartsWith("adjustments: adjustment 0:", report.FirstFailure);
    }

    [Fact]
    public void A_recorded_adjustment_approved_by_its_own_actor_or_with_an_inconsistent_rule_fails_verification()
    {
        var draw = Assigned();
        var walk = draw.State!.Current.Assignment!.Assignments.First(w => w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        Reassign(draw, walk.EntityId, walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId);
        var honest = draw.State!;
        var recorded = Assert.IsType<InspectorReassigned>(honest.Current.Adjustments[0]);

        TaskDraw With(InspectorReassigned forged) => honest with { Rounds = [honest.Current with { Adjustments = [forged] }] };
        string? Verify(TaskDraw state) => DrawVerification.Verify(state, 1, RebuiltPools.WithRecorded(state.Current, EntityPoolBuilder.From(draw.Members)), draw.Receipts(), DrawWorkflow.Signer.PublicKeyText()).FirstFailure;

        Assert.StartsWith("adjustments: adjustment 0: approved by", Verify(With(recorded with { ApprovedBy = recorded.ReassignedBy })));
        Assert.StartsWith("adjustments: adjustment 0: the reassignment", Verify(With(recorded with { Rule = ReassignmentRules.Manual })));
        Assert.StartsWith("adjustments: adjustment 0: the reason or the evidence is blank", Verify(With(recorded with { Evidence = " " })));
    }

    [Fact]
    public void A_substitute_walk_skips_an_inspector_in_conflict_at_the_act_records_it_and_replays_only_with_it()
    {
        var gone = Assigned().State!.Current.Execution!.Selected[0].EntityId;
        var unaware = Assert.IsType<EntitySubstituted>(Substitute(Assigned(), gone).Single());
        var first = unaware.Assignment.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        var declared = new FrozenConflict(first, unaware.ReplacementId);

        var draw = Assigned();
        var substituted = Assert.IsType<EntitySubstituted>(draw.Apply(DrawAdjustments.Substitute(
            draw.Task, draw.State, new SubstituteEntity(gone, "企业已注销 / deregistered", "注销登记通知书"), EntityPool.Freeze(draw.Members),
            [new FrozenConflict(first, gone), declared, declared], DrawWorkflow.Division, Approver, draw.Now)).Single());

        Assert.Equal([declared], substituted.Conflicts);
        Assert.Equal(CandidateDecision.Recused, substituted.Assignment.Candidates.First(c => c.InspectorId == first).Decision);
        Assert.True(Verify(draw).Passed, Verify(draw).FirstFailure);
        var honest = draw.State!;
        string? VerifyWith(IReadOnlyList<FrozenConflict>? conflicts) =>
            DrawVerification.Verify(
                honest with { Rounds = [honest.Current with { Adjustments = [substituted with { Conflicts = conflicts }] }] }, 1,
                RebuiltPools.WithRecorded(honest.Current, EntityPoolBuilder.From(draw.Members)), draw.Receipts(), DrawWorkflow.Signer.PublicKeyText()).FirstFailure;
        Assert.StartsWith("adjustments: adjustment 0: the walk of the replacement", VerifyWith([]));
        Assert.StartsWith("adjustments: adjustment 0: the walk of the replacement", VerifyWith(null));
        Assert.StartsWith("adjustments: adjustment 0: the conflicts recorded", VerifyWith([declared, declared]));
    }
}
