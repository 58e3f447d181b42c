using System.Text.Encodings.Web;
using System.Text.Json;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>`verify draw` recomputes a round from its events and the rebuilt pool; any altered value fails a named check.</summary>
public sealed class DrawVerificationTests
{
    private static readonly string TrustedKey = DrawWorkflow.Signer.PublicKeyText();

    /// <summary>Verifies <paramref name="state"/> (the workflow's own, or one altered from it) with the workflow's receipts.</summary>
    private static DrawReport Verify(DrawWorkflow draw, TaskDraw state, IReadOnlyList<EntityMember> members, IReadOnlyList<DrawEventReceipt>? receipts = null) =>
        DrawVerification.Verify(state, state.Current.Number, RebuiltPools.WithRecorded(state.Current, EntityPoolBuilder.From(members)), receipts ?? draw.Receipts(), TrustedKey);

    private static TaskDraw WithRound(TaskDraw state, Func<DrawRound, DrawRound> change) =>
        state with { Rounds = [.. state.Rounds.SkipLast(1), change(state.Current)] };

    [Fact]
    public void An_honest_draw_passes_every_check()
    {
        var draw = new DrawWorkflow(partySecrets: 1).Complete();
        var report = Verify(draw, draw.State!, draw.Members);

        Assert.True(report.Passed, report.FirstFailure);
        Assert.All(report.Checks, check => Assert.Equal(CheckOutcome.Pass, check.Outcome));
        Assert.Equal(
            ["entity-pool", "inspector-pool", "conflict-pool", "commitment", "commitment-signature", "publication", "order", "ledger-inclusion", "seed", "selection", "rank-roots", "assignments", "adjustments"],
            report.Checks.Select(check => check.Name));
    }

    [Fact]
    public void A_pool_changed_after_freezing_fails_the_pool_check_and_everything_after_it_is_not_reached()
    {
        var draw = new DrawWorkflow().Complete();
        var report = Verify(draw, draw.State!, [.. draw.Members.Skip(1)]);

        Assert.StartsWith("entity-pool:", report.FirstFailure);
        Assert.Equal(CheckOutcome.NotReached, report.Checks.Single(check => check.Name == "selection").Outcome);
    }

    [Fact]
    public void An_inspector_left_out_of_the_frozen_pool_fails_against_the_directory_and_is_named()
    {
        var draw = new DrawWorkflow().Complete();
        var round = draw.State!.Current;
        var directory = draw.Pools.Inspectors;
        var frozen = WithRound(draw.State!, r => r with { Pool = r.Pool with { Inspectors = [.. r.Pool.Inspectors.Skip(1)] } });
        frozen = WithRound(frozen, r => r with { Pool = r.Pool with { InspectorRoot = Convert.ToHexStringLower(r.InspectorPool().Root) } });

        // Checked only against its own root (a bundle), the shortened pool is consistent; the directory tells.
        Assert.Equal(CheckOutcome.Pass, Verify(draw, frozen, draw.Members).Checks.Single(check => check.Name == "inspector-pool").Outcome);
        var rebuilt = new RebuiltPools(EntityPoolBuilder.From(draw.Members), directory, round.ConflictPool(), round.Pool.Excluded);
        var report = DrawVerification.Verify(frozen, 1, rebuilt, [], TrustedKey);

        Assert.Equal(
            $"inspector-pool: the inspector pool rebuilt from the directory as of ledger position {round.Pool.AsOfSequence} has {directory.Count} members and root {Convert.ToHexStringLower(directory.Root)}; "
            + $"the frozen pool has {directory.Count - 1} (first difference at member 0: frozen {directory.Members[1].Id}, rebuilt {directory.Members[0].Id})",
            report.FirstFailure);
    }

    [Fact]
    public void A_declared_conflict_missing_from_the_frozen_pool_fails_against_the_directory()
    {
        var draw = new DrawWorkflow().Complete();
        var round = draw.State!.Current;
        var declared = ConflictPool.Freeze([.. round.ConflictPool().Members, new ConflictPair("GY-0002", draw.Members[1].Id)]);
        var report = DrawVerification.Verify(draw.State!, 1, new RebuiltPools(EntityPoolBuilder.From(draw.Members), round.InspectorPool(), declared, []), [], TrustedKey);

        Assert.StartsWith("conflict-pool: the conflict pool rebuilt from the directory", report.FirstFailure);
        Assert.EndsWith($"GY-0002 ↔ {draw.Members[1].Id} is in the directory but was not frozen)", report.FirstFailure);
        Assert.Equal(CheckOutcome.NotReached, report.Checks.Single(check => check.Name == "seed").Outcome);
    }

    [Fact]
    public void An_earlier_sample_the_exclusion_rule_takes_out_but_the_freeze_did_not_fails_the_entity_pool_check()
    {
        var draw = new DrawWorkflow().Complete();
        var round = draw.State!.Current;
        var report = DrawVerification.Verify(
            draw.State!, 1, new RebuiltPools(EntityPoolBuilder.From(draw.Members), round.InspectorPool(), round.ConflictPool(), [new ExcludedSample("2021-520100-SJJ-T02", 1, 7)]), [], TrustedKey);

        Assert.Equal(
            $"entity-pool: the earlier samples excluded as of ledger position {round.Pool.AsOfSequence} are [2021-520100-SJJ-T02 round 1: 7]; the frozen pool excluded []",
            report.FirstFailure);
    }

    [Fact]
    public void A_publication_naming_another_ledger_position_than_the_commitment_fails()
    {
        var draw = new DrawWorkflow().Complete();
        var published = draw.State!.Current.Publication!;
        var receipts = new[] { new DrawEventReceipt("draw_committed", published.CommitmentSequence + 1, null, draw.State!.Current.Commitment!) };
        var report = DrawVerification.Verify(draw.State!, 1, RebuiltPools.WithRecorded(draw.State!.Current, EntityPoolBuilder.From(draw.Members)), receipts, TrustedKey);

        Assert.Equal(
            $"publication: the publication names ledger sequence {published.CommitmentSequence}; the commitment is at {published.CommitmentSequence + 1}",
            report.FirstFailure);
    }

    [Fact]
    public void A_swapped_selection_is_named_by_its_position()
    {
        var draw = new DrawWorkflow().Complete();
        var tampered = WithRound(draw.State!, round => round with
        {
            Execution = round.Execution! with { Selected = [.. round.Execution.Selected.Select((entity, i) => i == 2 ? entity with { EntityId = draw.Members[^1].Id } : entity)] },
        });
        var report = Verify(draw, tampered, draw.Members);

        Assert.StartsWith("selection: selection position 2", report.FirstFailure);
    }

    [Fact]
    public void An_edited_commitment_or_signature_fails()
    {
        var draw = new DrawWorkflow().Complete();
        var edited = WithRound(draw.State!, round => round with { Commitment = round.Commitment! with { Canonical = round.Commitment.Canonical.Replace("1/100", "1/200", StringComparison.Ordinal) } });
        Assert.StartsWith("commitment:", Verify(draw, edited, draw.Members).FirstFailure);

        var forged = WithRound(draw.State!, round => round with { Commitment = round.Commitment! with { Signature = Convert.ToBase64String(new byte[64]) } });
        Assert.StartsWith("commitment-signature:", Verify(draw, forged, draw.Members).FirstFailure);
    }

    [Fact]
    public void Randomness_recorded_before_the_sources_resolved_fails_the_order_check()
    {
        var draw = new DrawWorkflow().Complete();
        var early = WithRound(draw.State!, round => round with { Randomness = round.Randomness! with { RecordedAt = round.Commitment!.PublishBy - NodaTime.Duration.FromHours(1) } });
        Assert.StartsWith("order: randomness was recorded", Verify(draw, early, draw.Members).FirstFailure);
    }

    [Fact]
    public void A_publish_by_instant_other_than_the_first_source_s_time_fails_the_order_check()
    {
        var draw = new DrawWorkflow().Complete();
        var later = WithRound(draw.State!, round => round with { Commitment = round.Commitment! with { PublishBy = round.Commitment.PublishBy + NodaTime.Duration.FromDays(1) } });
        Assert.StartsWith("order: the commitment must be published by", Verify(draw, later, draw.Members).FirstFailure);
    }

    [Fact]
    public void A_changed_value_changes_the_seed_and_fails_it()
    {
        var draw = new DrawWorkflow().Complete();
        var changed = WithRound(draw.State!, round => round with { Randomness = round.Randomness! with { Values = [round.Randomness.Values[0] with { Value = new string('b', 96) }, round.Randomness.Values[1]] } });
        Assert.StartsWith("seed: recomputed PRK", Verify(draw, changed, draw.Members).FirstFailure);
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
        Assert.StartsWith("assignments: walk 0", Verify(draw, tampered, draw.Members).FirstFailure);
    }

    [Fact]
    public void A_missing_ledger_receipt_fails_the_inclusion_check()
    {
        var draw = new DrawWorkflow().Complete();
        var report = DrawVerification.Verify(draw.State!, 1, RebuiltPools.WithRecorded(draw.State!.Current, EntityPoolBuilder.From(draw.Members)), [new DrawEventReceipt("draw_committed", draw.State!.Current.Publication!.CommitmentSequence, null, draw.State!.Current.Commitment!)], TrustedKey);
        Assert.Equal($"ledger-inclusion: draw_committed (sequence {draw.State!.Current.Publication!.CommitmentSequence}): not yet in the signed log", report.FirstFailure);
    }

    [Fact]
    public void Without_receipts_the_ledger_checks_are_not_run_and_the_draw_does_not_pass()
    {
        var draw = new DrawWorkflow(partySecrets: 1).Complete();
        var report = DrawVerification.Verify(draw.State!, 1, RebuiltPools.WithRecorded(draw.State!.Current, EntityPoolBuilder.From(draw.Members)), [], TrustedKey);

        Assert.False(report.Passed);
        Assert.Equal(
            [("publication", CheckOutcome.NotRun), ("ledger-inclusion", CheckOutcome.NotRun)],
            report.Checks.Where(check => check.Outcome != CheckOutcome.Pass).Select(check => (check.Name, check.Outcome)));
        Assert.Equal("publication: no receipts were given: the commitment's ledger sequence and log leaf were not compared", report.FirstFailure);
        Assert.Equal("no receipts were given for the round's 8 events", report.Checks.Single(check => check.Name == "ledger-inclusion").Detail);

        // The vector in docs/ledger-integrity.md, "Verification outcomes": the same bytes whatever the serializer's options.
        Assert.Equal(
            """{"name":"ledger-inclusion","outcome":"not-run","detail":"no receipts were given for the round's 8 events"}""",
            JsonSerializer.Serialize(
                report.Checks.Single(check => check.Name == "ledger-inclusion"),
                new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void A_round_event_without_a_receipt_fails_the_inclusion_check()
    {
        var draw = new DrawWorkflow(partySecrets: 1).Complete();
        var receipts = draw.Receipts().Where(receipt => receipt.Event is not PartySecretRevealed).ToList();

        Assert.Equal(
            "ledger-inclusion: the round records 1 PartySecretRevealed event(s); receipts were given for 0",
            Verify(draw, draw.State!, draw.Members, receipts).FirstFailure);
    }

    [Fact]
    public void Receipts_without_the_commitment_s_fail_the_publication_check()
    {
        var draw = new DrawWorkflow().Complete();
        var receipts = draw.Receipts().Where(receipt => receipt.Event is not DrawCommitted).ToList();

        Assert.Equal("publication: no receipt was given for the commitment", Verify(draw, draw.State!, draw.Members, receipts).FirstFailure);
    }

    [Fact]
    public void A_receipt_for_another_event_s_ledger_position_fails_the_inclusion_check()
    {
        var draw = new DrawWorkflow().Complete();
        var receipts = draw.Receipts();
        var moved = receipts.Select((receipt, i) => i == 2 ? receipt with { Receipt = receipts[3].Receipt } : receipt).ToList();

        Assert.Equal(
            $"ledger-inclusion: {receipts[2].EventType} (sequence {receipts[2].Sequence}): the receipt is for ledger sequence {receipts[3].Sequence}",
            Verify(draw, draw.State!, draw.Members, moved).FirstFailure);
    }
}
