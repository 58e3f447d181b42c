namespace FairDraw.Ledger.Inspectors;

// Commands as submitted (API body or demo generator): raw text, validated by InspectorDecisions so that every error names
// its field. Enumerations accept the English name or the Chinese label; dates are ISO-8601 (2021-06-01).

/// <summary>An enforcement certificate as submitted.</summary>
public sealed record CertificateInput(string? Number, string? ValidFrom, string? ValidTo);

/// <summary>
/// A new inspector of the directory. Staff need <see cref="Certificate"/> and no <see cref="Institution"/>;
/// external experts need <see cref="Institution"/> (their testing institute, research institute or employer) and no certificate.
/// </summary>
public sealed record InspectorInput(
    string? Id,
    string? Name,
    string? Kind,
    string? Institution,
    string? Unit,
    string? Jurisdiction,
    CertificateInput? Certificate,
    IReadOnlyList<string>? Qualifications,
    IReadOnlyList<string>? Expertise);

/// <summary>The qualifications and expertise tags as they should now be (all of them).</summary>
public sealed record UpdateQualifications(IReadOnlyList<string>? Qualifications, IReadOnlyList<string>? Expertise);

/// <summary>A move to another unit and/or jurisdiction.</summary>
public sealed record TransferInspector(string? Unit, string? Jurisdiction);

/// <summary>A suspension, with its reason.</summary>
public sealed record SuspendInspector(string? Reason);

/// <summary>A conflict of interest with one entity (by unified social credit code), with its reason.</summary>
public sealed record DeclareConflictOfInterest(string? Uscc, string? Reason);
