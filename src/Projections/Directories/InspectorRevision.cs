using Marten.Schema;
using NpgsqlTypes;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;
using NodaTime;

namespace FairDraw.Projections.Directories;

/// <summary>A version of one inspector of the directory (执法检查人员名录库), flattened for filtering.</summary>
public sealed class InspectorRevision : Revision
{
    /// <summary>
    /// The columns duplicated from the document: the window, and the filters of the directory (indexed, except the
    /// jurisdiction: it is only ever filtered by prefix, which a B-tree under the default collation cannot serve).
    /// </summary>
    public static IReadOnlyList<DuplicatedColumn> Duplicated { get; } =
    [
        .. Window,
        new(nameof(InspectorId), "inspector_id", NpgsqlDbType.Text, r => ((InspectorRevision)r).InspectorId),
        new(nameof(Jurisdiction), "jurisdiction", NpgsqlDbType.Text, r => ((InspectorRevision)r).Jurisdiction),
        new(nameof(Unit), "unit", NpgsqlDbType.Text, r => ((InspectorRevision)r).Unit),
        new(nameof(Status), "status", NpgsqlDbType.Varchar, r => ((InspectorRevision)r).Status.ToString()),
        new(nameof(IsExternal), "is_external", NpgsqlDbType.Boolean, r => ((InspectorRevision)r).IsExternal),
    ];

    /// <summary>Marten's hook for this document type.</summary>
    public static void ConfigureMarten(DocumentMapping mapping) =>
        Duplicate(mapping, Duplicated, nameof(InspectorId), nameof(Unit), nameof(Status), nameof(IsExternal));

    public string InspectorId { get; set; } = "";

    public string Name { get; set; } = "";

    public InspectorKind Kind { get; set; }

    public bool IsExternal { get; set; }

    /// <summary>The testing institute, research institute or employer of an external expert; empty for staff.</summary>
    public string Institution { get; set; } = "";

    public string Unit { get; set; } = "";

    public string Jurisdiction { get; set; } = "";

    public InspectorStatus Status { get; set; }

    /// <summary>The enforcement certificate number; empty for external experts.</summary>
    public string CertificateNumber { get; set; } = "";

    public LocalDate? CertificateValidFrom { get; set; }

    public LocalDate? CertificateValidTo { get; set; }

    public string[] Qualifications { get; set; } = [];

    public string[] Expertise { get; set; } = [];

    /// <summary>The codes of the entities this inspector must not inspect (declared conflicts of interest).</summary>
    public string[] Conflicts { get; set; } = [];

    public static InspectorRevision From(Inspector state) => new()
    {
        InspectorId = state.Id,
        Name = state.Name,
        Kind = state.Kind,
        IsExternal = state.IsExternal,
        Institution = state.Institution,
        Unit = state.Unit,
        Jurisdiction = state.Jurisdiction.Value,
        Status = state.Status,
        CertificateNumber = state.Certificate?.Number ?? "",
        CertificateValidFrom = state.Certificate?.ValidFrom,
        CertificateValidTo = state.Certificate?.ValidTo,
        Qualifications = [.. state.Qualifications],
        Expertise = [.. state.Expertise],
        Conflicts = [.. state.Conflicts],
    };

    public Inspector ToState() => new(
        InspectorId,
        Name,
        Kind,
        Institution,
        Unit,
        DivisionCode.Parse(Jurisdiction),
        CertificateValidFrom is { } from && CertificateValidTo is { } to ? new EnforcementCertificate(CertificateNumber, from, to) : null,
        Qualifications,
        Expertise,
        Status,
        Conflicts);
}

public sealed class InspectorRevisionProjection : RevisionProjection<Inspector, InspectorRevision>
{
    public override string StreamPrefix => StreamKeys.InspectorPrefix;

    protected override Inspector Evolve(Inspector? state, object data) => Inspector.Evolve(state, data);

    protected override InspectorRevision ToRevision(Inspector state) => InspectorRevision.From(state);

    protected override Inspector ToState(InspectorRevision revision) => revision.ToState();
}
