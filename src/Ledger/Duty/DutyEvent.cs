namespace FairDraw.Ledger.Duty;

/// <summary>
/// One ledger event as the duty report reads it (docs/duty-report.md §1): its position (sequence, leaf index), the
/// members of its canonical bytes, and its payload decoded into the domain's event record. <see cref="Time"/> is the
/// server's own word, shown beside the witnessed bounds and never deciding a deadline.
/// </summary>
public sealed record DutyEvent(
    long Sequence, long LeafIndex, string Stream, long Version, string Type, string Actor, string Time, object Data);
