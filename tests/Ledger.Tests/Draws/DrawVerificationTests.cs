using FairDraw.Ledger.Draws;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>`verify draw` recomputes a round from its events and the rebuilt pool; any altered value fails a named check.</summary>
public sealed class DrawVerificationTests
{
    private static readonly string TrustedKey = DrawWorkflow.Signer.PublicKeyText();

    private static DrawReport Verify(TaskDraw state, IReadOnlyList<EntityMember> members) =>
        DrawVerification.Verify(state, state.Current.Number, EntityPoolBuilder.From(members), [], TrustedKey);

    private static TaskDraw WithRound(TaskDraw state, Func<DrawRound, DrawRound> change) =>
        state with { Rounds = [.. state.Rounds.SkipLast(1), change(state.Current)] };

    [Fact]
    public void An_honest_draw_passes_every_check()
    {
        var draw = new DrawWorkflow(partySecrets: 1).Complete();
        var report = Verify(draw.State!, draw.Members);

        Assert.True(report.Passed, report.FirstFailure);
        Assert.All(report.Checks, check => Assert.Equal(DrawCheck.Pass, check.Outcome));
        Assert.Equal(
            ["entity-pool", "inspector-pool", "conflict-pool", "commitment", "commitment-signature", "publication", "order", "ledger-inclusion", "seed", "selection", "assignments", "adjustments"],
            report.Checks.Select(check => check.Name));
    }

    [Fact]
    public void A_pool_changed_after_freezing_fails_the_pool_check_and_everything_after_it_is_not_reached()
    {
        var draw = new DrawWorkflow().Complete();
        var report = Verify(draw.State!, [.. draw.Members.Skip(1)]);

        Assert.StartsWith("entity-pool:", report.FirstFailure);
        Assert.Equal(DrawCheck.NotReached, report.Checks.Single(check => check.Name == "selection").Outcome);
    }

    [Fact]
    public void A_swapped_selection_is_named_by_its_position()
    {
        var draw = new DrawWorkflow().Complete();
        var tampered = WithRound(draw.State!, round => round with
        {
            Execution = round.Execution! with { Selected = [.. round.Execution.Selected.Select((entity, i) => i == 2 ? entity with { EntityId = draw.Members[^1].Id } : entity)] },
        });
        var report = Verify(tampered, draw.Members);

        Assert.StartsWith("selection: selection position 2", report.FirstFailure);
    }

    [Fact]
    public void An_edited_commitment_or_signature_fails()
    {
        var draw = new DrawWorkflow().Complete();
        var edited = WithRound(draw.State!, round => round with { Commitment = round.Commitment! with { Canonical = round.Commitment.Canonical.Replace("1/100", "1/200", StringComparison.Ordinal) } });
        Assert.StartsWith("commitment:", Verify(edited, draw.Members).FirstFailure);

        var forged = WithRound(draw.State!, round => round with { Commitment = round.Commitment! with { Signature = Convert.ToBase64String(new byte[64]) } });
        Assert.StartsWith("commitment-signature:", Verify(forged, draw.Members).FirstFailure);
    }

    [Fact]
    public void Randomness_recorded_before_the_sources_resolved_fails_the_order_check()
    {
        var draw = new DrawWorkflow().Complete();
        var early = WithRound(draw.State!, round => round with { Randomness = round.Randomness! with { RecordedAt = round.Commitment!.PublishBy - NodaTime.Duration.FromHours(1) } });
        Assert.StartsWith("order: randomness was recorded", Verify(early, draw.Members).FirstFailure);
    }

    [Fact]
    public void A_changed_value_changes_the_seed_and_fails_it()
    {
        var draw = new DrawWorkflow().Complete();
        var changed = WithRound(draw.State!, round => round with { Randomness = round.Randomness! with { Values = [round.Randomness.Values[0] with { Value = new string('b', 96) }, round.Randomness.Values[1]] } });
        Assert.StartsWith("seed: recomputed PRK", Verify(changed, draw.Members).FirstFailure);
    }

    [Fact]
    public void A_reassigned_inspector_outside_the_walk_fails_the_assignment_check()
    {
        var draw = new DrawWorkflow().Complete();
        var tampered = WithRound(draw.State!, round => round with
        {
            Assignment = round.Assignment! with
            {
                Assignments = [.. round.Assignment.Assignments.Select((walk, i) => i == 0 ? walk with { Candidates = [.. walk.Candidates.Reverse()] } : walk)],
            },
        });
        Assert.StartsWith("assignments: walk 0", Verify(tampered, draw.Members).FirstFailure);
    }

    [Fact]
    public void A_missing_ledger_receipt_fails_the_inclusion_check()
    {
        var draw = new DrawWorkflow().Complete();
        var report = DrawVerification.Verify(draw.State!, 1, EntityPoolBuilder.From(draw.Members), [new DrawEventReceipt("draw_committed", 5, null)], TrustedKey);
        Assert.Equal("ledger-inclusion: draw_committed (sequence 5): not yet in the signed log", report.FirstFailure);
    }
}
