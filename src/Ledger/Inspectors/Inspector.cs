using FairDraw.Ledger.Access;

namespace FairDraw.Ledger.Inspectors;

/// <summary>
/// The state of one inspector of the directory, folded from its stream. <see cref="Conflicts"/> holds the codes of the
/// entities it must not inspect, sorted ordinally.
/// </summary>
public sealed record Inspector(
    string Id,
    string Name,
    InspectorKind Kind,
    string Institution,
    string Unit,
    DivisionCode Jurisdiction,
    EnforcementCertificate? Certificate,
    IReadOnlyList<string> Qualifications,
    IReadOnlyList<string> Expertise,
    InspectorStatus Status,
    IReadOnlyList<string> Conflicts)
{
    public bool IsExternal => Kind == InspectorKind.ExternalExpert;

    public static Inspector Create(InspectorEnrolled e) =>
        new(e.InspectorId, e.Name, e.Kind, e.Institution, e.Unit, e.Jurisdiction, e.Certificate, e.Qualifications, e.Expertise, InspectorStatus.Active, []);

    public Inspector Apply(CertificateRenewed e) => this with { Certificate = e.Certificate };

    public Inspector Apply(QualificationsUpdated e) => this with { Qualifications = e.Qualifications, Expertise = e.Expertise };

    public Inspector Apply(InspectorTransferred e) => this with { Unit = e.Unit, Jurisdiction = e.Jurisdiction };

    public Inspector Apply(InspectorSuspended e) => this with { Status = InspectorStatus.Suspended };

    public Inspector Apply(InspectorReinstated e) => this with { Status = InspectorStatus.Active };

    public Inspector Apply(InspectorRetired e) => this with { Status = InspectorStatus.Retired };

    public Inspector Apply(ConflictOfInterestDeclared e) =>
        this with { Conflicts = [.. Conflicts.Append(e.Uscc).Order(StringComparer.Ordinal)] };

    public Inspector Apply(ConflictOfInterestWithdrawn e) => this with { Conflicts = [.. Conflicts.Where(c => c != e.Uscc)] };

    /// <summary>Folds any inspector event onto a state (null before enrolment).</summary>
    public static Inspector Evolve(Inspector? state, object @event) => (state, @event) switch
    {
        (null, InspectorEnrolled e) => Create(e),
        (not null, CertificateRenewed e) => state.Apply(e),
        (not null, QualificationsUpdated e) => state.Apply(e),
        (not null, InspectorTransferred e) => state.Apply(e),
        (not null, InspectorSuspended e) => state.Apply(e),
        (not null, InspectorReinstated e) => state.Apply(e),
        (not null, InspectorRetired e) => state.Apply(e),
        (not null, ConflictOfInterestDeclared e) => state.Apply(e),
        (not null, ConflictOfInterestWithdrawn e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to inspector state {(state is null ? "before enrolment" : state.Id)}"),
    };
}
