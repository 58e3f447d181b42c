namespace FairDraw.Ledger.Duty;

/// <summary>
/// The duty report (docs/duty-report.md §6): the scope, the ledger position and the witnessed time it was judged at,
/// the witness policy it was computed under, each clause's verdict with the events it read and its findings, the roots a
/// full draw verification must reproduce, the bounds every deadline rested on, and an official's steps.
/// </summary>
public sealed record DutyReport(
    string Format,
    int Year,
    string Jurisdiction,
    string Department,
    string? Official,
    long AsOf,
    string? AsOfTime,
    DutyWitnesses? Witnesses,
    IReadOnlyList<DutyClause> Clauses,
    IReadOnlyList<DutyDraw> Draws,
    IReadOnlyList<DutyBound> Bounds,
    IReadOnlyList<DutyStep>? Performed,
    IReadOnlyList<DutyFinding>? Missing,
    IReadOnlyList<long> Cited)
{
    public const string FormatName = "fairdraw-duty-report/v2";

    /// <summary>
    /// Every ledger sequence a report with these members cites (§6), derived: each must be in a bundle of it (§7 step 5).
    /// <see cref="Cited"/> is a member of its own, so that a report whose written list differs is compared as such.
    /// </summary>
    public static IReadOnlyList<long> CitedBy(
        IEnumerable<DutyClause> clauses, IEnumerable<DutyBound> bounds, IEnumerable<DutyStep>? performed, IEnumerable<DutyFinding>? missing) =>
        [.. clauses.SelectMany(clause => clause.Sequences.Concat(clause.Findings.SelectMany(finding => finding.Sequences)))
            .Concat(bounds.Select(bound => bound.Sequence))
            .Concat(performed?.Select(step => step.Sequence) ?? [])
            .Concat(missing?.SelectMany(finding => finding.Sequences) ?? [])];

    /// <summary>The list <see cref="CitedBy"/> derives from this report's other members.</summary>
    public IReadOnlyList<long> DerivedCited() => CitedBy(Clauses, Bounds, Performed, Missing);
}

/// <summary>The witness keys and quorum a report's bounds were computed under.</summary>
public sealed record DutyWitnesses(IReadOnlyList<string> Keys, int Quorum);

/// <summary>One clause: its number and name, verdict, the events it read (ascending) and its findings.</summary>
public sealed record DutyClause(int Clause, string Name, string Verdict, IReadOnlyList<long> Sequences, IReadOnlyList<DutyFinding> Findings);

/// <summary>An item not fulfilled: its verdict, a code, the subject (an item, a result, a round…), the events and a text.</summary>
public sealed record DutyFinding(string Verdict, string Code, string Subject, IReadOnlyList<long> Sequences, string Detail);

/// <summary>An executed round's roots that a full DRAW-v1 verification (with the round's evidence bundle) must reproduce.</summary>
public sealed record DutyDraw(string TaskId, int Round, string EntityRoot, string SelectionRoot);

/// <summary>An event a deadline rule consulted: its server time (the server's word only) beside its witnessed bounds.</summary>
public sealed record DutyBound(long Sequence, long LeafIndex, string ServerTime, string? Lower, string? Upper);

/// <summary>An event in scope that the official wrote (<c>actor</c>) or countersigned (<c>approver</c>).</summary>
public sealed record DutyStep(long Sequence, string Type, string Role);

/// <summary>The verdict words (docs/duty-report.md §4), worst first after <see cref="Fulfilled"/>.</summary>
public static class DutyVerdict
{
    public const string Fulfilled = "fulfilled";
    public const string NotFulfilled = "not-fulfilled";
    public const string Undetermined = "undetermined";
    public const string Pending = "pending";
    public const string NotApplicable = "not-applicable";

    /// <summary>A clause's verdict from its findings: the worst of them, fulfilled without any, not applicable over nothing.</summary>
    public static string Of(int itemsChecked, IEnumerable<DutyFinding> findings)
    {
        var verdicts = findings.Select(finding => finding.Verdict).ToHashSet(StringComparer.Ordinal);
        return itemsChecked == 0 && verdicts.Count == 0 ? NotApplicable
            : verdicts.Contains(NotFulfilled) ? NotFulfilled
            : verdicts.Contains(Undetermined) ? Undetermined
            : verdicts.Contains(Pending) ? Pending
            : Fulfilled;
    }
}
