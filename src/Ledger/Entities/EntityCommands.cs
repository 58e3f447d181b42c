namespace FairDraw.Ledger.Entities;

/// <summary>
/// An entity as submitted (API body or CSV row): raw text, validated by <see cref="EntityDecisions"/> so that every
/// error names its field. Enumerations accept the English name or the Chinese label.
/// </summary>
public sealed record EntityInput(
    string? Uscc,
    string? Name,
    string? Type,
    string? Jurisdiction,
    string? RegistrationAuthority,
    string? Address,
    string? Industry,
    string? RiskClass,
    IReadOnlyList<string>? Tags,
    string? Status = null);

/// <summary>
/// An imported row, validated: the registration it would make for a new code, and whether the file gave the optional
/// tags and status (a known entity keeps what the file does not give).
/// </summary>
public sealed record EntityImportRow(EntityRegistered Registration, bool TagsGiven, bool StatusGiven);

/// <summary>New values for the descriptive fields of an entity (all of them, as they should now be).</summary>
public sealed record UpdateEntityDetails(string? Name, string? Address, string? Industry, string? RiskClass, IReadOnlyList<string>? Tags);

/// <summary>A change of registration status, with the reason (e.g. the deregistration notice).</summary>
public sealed record ChangeEntityStatus(string? Status, string? Reason);
