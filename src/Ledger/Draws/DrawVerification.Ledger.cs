using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws;

/// <summary>The checks against the signed log: the publication's checkpoint and a receipt for every event.</summary>
public static partial class DrawVerification
{
    /// <summary>
    /// The publication's checkpoint verifies and contains the commitment, and the sequence and leaf index it names are
    /// those of the round's <see cref="DrawCommitted"/> event and its receipt. Without that receipt the comparison is
    /// not run (never passed); a receipt list that lacks it fails.
    /// </summary>
    private static DrawCheck PublicationCheck(DrawRound round, IReadOnlyList<DrawEventReceipt> receipts, string trustedKey)
    {
        const string Name = "publication";
        var checkpointed = Run(Name, () => Publication(round, trustedKey));
        if (checkpointed.Outcome != CheckOutcome.Pass)
        {
            return checkpointed;
        }

        var published = round.Publication!;
        var committed = receipts.FirstOrDefault(receipt => receipt.Event is DrawCommitted);
        return committed is null && receipts.Count == 0
                ? new DrawCheck(Name, CheckOutcome.NotRun, "no receipts were given: the commitment's ledger sequence and log leaf were not compared")
            : committed is null ? new DrawCheck(Name, CheckOutcome.Fail, "no receipt was given for the commitment")
            : published.CommitmentSequence != committed.Sequence ? new DrawCheck(
                Name, CheckOutcome.Fail, $"the publication names ledger sequence {published.CommitmentSequence}; the commitment is at {committed.Sequence}")
            : committed.Receipt is not { } receipt
                ? new DrawCheck(Name, CheckOutcome.NotRun, "the commitment is not yet in the signed log: its log leaf was not compared")
            : published.LeafIndex != receipt.LeafIndex ? new DrawCheck(
                Name, CheckOutcome.Fail, $"the publication names log leaf {published.LeafIndex}; the commitment's receipt is for leaf {receipt.LeafIndex}")
            : checkpointed;
    }

    /// <summary>The publication's own checkpoint: it verifies, names the commitment and contains its leaf.</summary>
    private static string? Publication(DrawRound round, string trustedKey)
    {
        if (round.Publication is not { } published)
        {
            return "the commitment was not marked published";
        }

        Checkpoint checkpoint;
        try
        {
            checkpoint = CheckpointVerifier.Verify(published.Checkpoint, trustedKey);
        }
        catch (CheckpointException error)
        {
            return "the recorded checkpoint does not verify: " + error.Message;
        }

        return published.CommitHash != round.Commitment!.CommitHash ? "the publication names another commitment hash"
            : checkpoint.TreeSize != published.CheckpointSize ? "the recorded checkpoint size differs from the signed one"
            : published.LeafIndex >= checkpoint.TreeSize ? $"the commitment's leaf {published.LeafIndex} is not inside the signed tree of size {checkpoint.TreeSize}"
            : null;
    }

    /// <summary>
    /// One verified receipt for every event of the round, each for that event's ledger sequence. With no receipts at
    /// all the check is not run: a report never says the round is in the signed log without having looked.
    /// </summary>
    private static DrawCheck InclusionCheck(DrawRound round, IReadOnlyList<DrawEventReceipt> receipts, string trustedKey) =>
        receipts.Count == 0
            ? new DrawCheck("ledger-inclusion", CheckOutcome.NotRun, $"no receipts were given for the round's {EventsOf(round).Count} events")
            : Run("ledger-inclusion", () => Inclusion(round, receipts, trustedKey));

    private static string? Inclusion(DrawRound round, IReadOnlyList<DrawEventReceipt> receipts, string trustedKey)
    {
        foreach (var receipt in receipts)
        {
            var failure = receipt.Receipt is null ? "not yet in the signed log"
                : receipt.Receipt.Sequence != receipt.Sequence ? $"the receipt is for ledger sequence {receipt.Receipt.Sequence}"
                : receipt.Event.Round != round.Number ? $"an event of round {receipt.Event.Round}, not {round.Number}"
                : receipt.Receipt.Verify(trustedKey).Failure;
            if (failure is not null)
            {
                return $"{receipt.EventType} (sequence {receipt.Sequence}): {failure}";
            }
        }

        if (receipts.GroupBy(receipt => receipt.Sequence).FirstOrDefault(same => same.Count() > 1) is { } repeated)
        {
            return $"{repeated.Count()} receipts name ledger sequence {repeated.Key}";
        }

        var recorded = EventsOf(round).CountBy(e => e.GetType()).ToDictionary();
        var given = receipts.CountBy(receipt => receipt.Event.GetType()).ToDictionary();
        var differs = recorded.Keys.Union(given.Keys)
            .FirstOrDefault(type => recorded.GetValueOrDefault(type) != given.GetValueOrDefault(type));
        return differs is null ? null
            : $"the round records {recorded.GetValueOrDefault(differs)} {differs.Name} event(s); receipts were given for {given.GetValueOrDefault(differs)}";
    }

    /// <summary>
    /// Whether the checkpoint of every receipt that verifies carries cosignatures meeting <paramref name="policy"/>:
    /// not run without a policy or without such receipts; names the witnesses that cosigned, or the first receipt whose
    /// checkpoint falls short.
    /// </summary>
    private static DrawCheck WitnessingCheck(IReadOnlyList<DrawEventReceipt> receipts, string trustedKey, WitnessPolicy? policy)
    {
        const string Name = "witnessing";
        if (policy is null)
        {
            return new DrawCheck(
                Name, CheckOutcome.NotRun, "no witness policy was given: the receipts' checkpoints were not checked against witnesses");
        }

        // A receipt that does not verify has no checkpoint to count cosignatures on (ledger-inclusion names it).
        var checkedReceipts = receipts
            .Select(receipt => (receipt, check: receipt.Receipt?.Verify(trustedKey, policy).Witnessing))
            .Where(pair => pair.check is not null)
            .Select(pair => (pair.receipt, check: pair.check!))
            .ToList();
        if (checkedReceipts.Count == 0)
        {
            return new DrawCheck(Name, CheckOutcome.NotRun, "no verified receipt: no checkpoint to check against the witnesses");
        }

        var unmet = checkedReceipts.FirstOrDefault(pair => !pair.check.Met);
        if (unmet.check is { } shortfall)
        {
            return new DrawCheck(Name, CheckOutcome.Fail, $"{unmet.receipt.EventType} (sequence {unmet.receipt.Sequence}): {shortfall.Describe()}");
        }

        var checkpoints = checkedReceipts.Select(pair => pair.receipt.Receipt!.SignedCheckpoint).Distinct().Count();
        return new DrawCheck(
            Name, CheckOutcome.Pass, checkedReceipts[0].check.Describe() + (checkpoints == 1 ? "" : $" (met on each of {checkpoints} checkpoints)"));
    }

    /// <summary>The round's events in the order the protocol appends them.</summary>
    private static IReadOnlyList<IDrawEvent> EventsOf(DrawRound round) =>
    [
        round.Pool,
        .. new IDrawEvent?[] { round.Commitment, round.Publication }.OfType<IDrawEvent>(),
        .. round.Secrets,
        .. new IDrawEvent?[] { round.Randomness, round.Confirmation, round.Execution, round.Assignment }.OfType<IDrawEvent>(),
        .. round.Adjustments.Cast<IDrawEvent>(),
        .. new IDrawEvent?[] { round.SetAside, round.LapsedValues }.OfType<IDrawEvent>(),
    ];
}
