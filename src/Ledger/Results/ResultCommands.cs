namespace FairDraw.Ledger.Results;

/// <summary>An evidence file's reference as submitted.</summary>
public sealed record AttachmentInput(string? Sha256, long? Size);

/// <summary>
/// What an inspection found, as submitted: <c>Method</c>, <c>Outcome</c> and <c>SubReason</c> by English name or
/// Chinese label, <c>InspectionDate</c> as an ISO date, <c>Inspectors</c> the ids of those present.
/// </summary>
public sealed record ResultInput(
    string? Method,
    string? InspectionDate,
    IReadOnlyList<string>? Inspectors,
    string? Outcome,
    string? SubReason,
    string? Findings,
    IReadOnlyList<AttachmentInput>? Attachments);

/// <summary>Record the result of item <c>ItemCode</c> at sampled object <c>EntityId</c>.</summary>
public sealed record RecordResult(string? EntityId, string? ItemCode, ResultInput? Result);

/// <summary>Correct a recorded result: the whole content as it should be, and why.</summary>
public sealed record CorrectResult(ResultInput? Result, string? Reason);

/// <summary>Return a result to its inspectors for correction, and why.</summary>
public sealed record ReturnResult(string? Reason);

/// <summary>File an approved result for exemption from publication: the lawful ground (name or label) and why.</summary>
public sealed record FileExemption(string? Ground, string? Reason);

/// <summary>Decline a filed exemption, and why.</summary>
public sealed record DeclineExemption(string? Reason);
