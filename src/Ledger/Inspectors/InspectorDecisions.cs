using FairDraw.Ledger.Access;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Ledger.Inspectors;

/// <summary>
/// The pure decisions of the inspector directory: command + state + actor + now → events, or a <see cref="DomainException"/>.
/// Only the personnel office writes, inside its jurisdiction; a retired inspector no longer changes.
/// </summary>
public static partial class InspectorDecisions
{
    /// <summary>Enrols a new inspector; fails with 409 when the id is already in the directory.</summary>
    public static IReadOnlyList<object> Enrol(InspectorInput input, Inspector? state, Actor actor, Instant now)
    {
        actor.RequireRole("录入执法检查人员 / enrol inspectors", Role.Personnel);
        var enrolled = Validate(input, actor, now);
        return state is null
            ? [enrolled]
            : throw DomainException.Conflict("id", $"人员编号{enrolled.InspectorId}已在名录库中 / inspector {enrolled.InspectorId} is already in the directory");
    }

    /// <summary>Replaces a staff inspector's enforcement certificate with a renewed one that expires later.</summary>
    public static IReadOnlyList<object> RenewCertificate(CertificateInput input, Inspector? state, Actor actor, Instant now)
    {
        var inspector = Writable(state, actor, "更新执法证 / renew certificates");
        if (inspector.Certificate is not { } current)
        {
            throw DomainException.Conflict("certificate", "外部专家不持执法证 / an external expert holds no enforcement certificate");
        }

        var renewed = Certificate(input, "");
        return renewed.ValidTo > current.ValidTo
            ? [new CertificateRenewed(inspector.Id, renewed, actor.Id, now)]
            : throw DomainException.Conflict(
                "validTo",
                $"续期后的有效期应晚于原执法证的{current.ValidTo:uuuu-MM-dd} / a renewed certificate must expire after the current one ({current.ValidTo:uuuu-MM-dd})");
    }

    /// <summary>Replaces the qualifications and expertise tags; returns nothing when they are unchanged.</summary>
    public static IReadOnlyList<object> UpdateQualifications(UpdateQualifications command, Inspector? state, Actor actor, Instant now)
    {
        var inspector = Writable(state, actor, "修改资格与专长 / update qualifications");
        var updated = new QualificationsUpdated(
            inspector.Id,
            Text.Tags(command.Qualifications, "qualifications"),
            Text.Tags(command.Expertise, "expertise"),
            actor.Id,
            now);
        var unchanged = Text.SameTags(inspector.Qualifications, updated.Qualifications) && Text.SameTags(inspector.Expertise, updated.Expertise);
        return unchanged ? [] : [updated];
    }

    /// <summary>Moves an inspector to another unit or jurisdiction; the actor must cover both the old and the new jurisdiction.</summary>
    public static IReadOnlyList<object> Transfer(TransferInspector command, Inspector? state, Actor actor, Instant now)
    {
        var inspector = Writable(state, actor, "调动执法检查人员 / transfer inspectors");
        var unit = Text.Required(command.Unit, "unit", 100);
        var jurisdiction = DivisionCode.Parse(command.Jurisdiction);
        actor.RequireJurisdiction(jurisdiction);
        return unit == inspector.Unit && jurisdiction == inspector.Jurisdiction
            ? throw DomainException.Conflict("unit", "调入单位和辖区与现在相同 / the inspector is already in that unit and jurisdiction")
            : [new InspectorTransferred(inspector.Id, unit, jurisdiction, actor.Id, now)];
    }

    private static InspectorEnrolled Validate(InspectorInput input, Actor actor, Instant now)
    {
        var id = InspectorId.Parse(input.Id);
        var name = Text.Required(input.Name, "name", 50);
        var kind = Text.Enum(input.Kind, "kind", InspectorLabels.Kinds);
        var jurisdiction = DivisionCode.Parse(input.Jurisdiction);
        actor.RequireJurisdiction(jurisdiction);
        var unit = Text.Required(input.Unit, "unit", 100);
        string institution;
        EnforcementCertificate? certificate;
        if (kind == InspectorKind.Staff)
        {
            institution = string.IsNullOrWhiteSpace(input.Institution)
                ? ""
                : throw DomainException.Invalid("institution", "执法人员不填外部机构，请填所在单位 / staff have no external institution; give their unit");
            certificate = input.Certificate is { } given
                ? Certificate(given, "certificate.")
                : throw DomainException.Invalid("certificate", "执法人员必须持有执法证 / staff must hold an enforcement certificate");
        }
        else
        {
            institution = Text.Required(input.Institution, "institution", 100);
            certificate = input.Certificate is null
                ? null
                : throw DomainException.Invalid("certificate", "外部专家不持执法证 / an external expert holds no enforcement certificate");
        }

        return new InspectorEnrolled(
            id,
            name,
            kind,
            institution,
            unit,
            jurisdiction,
            certificate,
            Text.Tags(input.Qualifications, "qualifications"),
            Text.Tags(input.Expertise, "expertise"),
            actor.Id,
            now);
    }

    /// <summary>A certificate whose fields are reported under <paramref name="prefix"/> ("certificate." in an enrolment).</summary>
    private static EnforcementCertificate Certificate(CertificateInput input, string prefix)
    {
        var number = Text.Required(input.Number, prefix + "number", 50);
        var validFrom = Text.IsoDate(input.ValidFrom, prefix + "validFrom");
        var validTo = Text.IsoDate(input.ValidTo, prefix + "validTo");
        return validTo > validFrom
            ? new EnforcementCertificate(number, validFrom, validTo)
            : throw DomainException.Invalid(prefix + "validTo", "执法证有效期截止日应晚于起始日 / a certificate must expire after it becomes valid");
    }

    /// <summary>An existing, not retired inspector that <paramref name="actor"/> may write as the personnel office of its jurisdiction.</summary>
    private static Inspector Writable(Inspector? state, Actor actor, string action)
    {
        var inspector = Existing(state);
        actor.RequireRole(action, Role.Personnel);
        actor.RequireJurisdiction(inspector.Jurisdiction);
        return NotRetired(inspector);
    }

    private static Inspector Existing(Inspector? state) =>
        state ?? throw DomainException.NotFound("id", "名录库中没有该执法检查人员 / no such inspector in the directory");

    private static Inspector NotRetired(Inspector inspector) =>
        inspector.Status == InspectorStatus.Retired
            ? throw DomainException.Conflict("status", $"{inspector.Id}已退出名录库，不能再修改 / inspector {inspector.Id} has retired and no longer changes")
            : inspector;
}
