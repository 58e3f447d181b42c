namespace FairDraw.Ledger;

/// <summary>What went wrong, in the terms an API maps to a status code.</summary>
public enum DomainErrorKind
{
    /// <summary>The input is invalid (400): <see cref="DomainException.Field"/> names the offending field.</summary>
    Invalid,

    /// <summary>The caller's role or jurisdiction does not allow this (403).</summary>
    Forbidden,

    /// <summary>The thing addressed does not exist (404).</summary>
    NotFound,

    /// <summary>The request conflicts with the current state (409).</summary>
    Conflict,
}

/// <summary>
/// The one typed failure a decision can produce. Callers map <see cref="Kind"/> to a response in one place.
/// </summary>
public sealed class DomainException(DomainErrorKind kind, string field, string reason) : Exception(reason)
{
    public DomainErrorKind Kind { get; } = kind;

    /// <summary>The input field (JSON path or CSV column) the error is about; empty when it concerns the whole request.</summary>
    public string Field { get; } = field;

    public string Reason { get; } = reason;

    public static DomainException Invalid(string field, string reason) => new(DomainErrorKind.Invalid, field, reason);

    public static DomainException Forbidden(string reason) => new(DomainErrorKind.Forbidden, "", reason);

    public static DomainException NotFound(string field, string reason) => new(DomainErrorKind.NotFound, field, reason);

    public static DomainException Conflict(string field, string reason) => new(DomainErrorKind.Conflict, field, reason);
}
