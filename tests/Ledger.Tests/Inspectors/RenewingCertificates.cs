using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Tests.Support;
using NodaTime;
using static FairDraw.Ledger.Tests.Inspectors.InspectorExamples;

namespace FairDraw.Ledger.Tests.Inspectors;

public sealed class RenewingCertificates
{
    private static readonly CertificateInput Renewal = new("52010200099", "2026-01-01", "2030-12-31");

    [Fact]
    public void A_renewal_records_the_new_certificate()
    {
        var events = InspectorDecisions.RenewCertificate(Renewal, ActiveStaff(), NanmingPersonnel, Now);

        EventAssert.Equal(
            [new CertificateRenewed(StaffId, new EnforcementCertificate("52010200099", new LocalDate(2026, 1, 1), new LocalDate(2030, 12, 31)), "personnel-nanming", Now)],
            events);
    }

    [Fact]
    public void A_suspended_inspector_can_renew() =>
        Assert.Single(InspectorDecisions.RenewCertificate(Renewal, SuspendedStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_renewal_must_expire_later_than_the_current_certificate() =>
        EventAssert.Fails(
            DomainErrorKind.Conflict,
            "validTo",
            () => InspectorDecisions.RenewCertificate(Renewal with { ValidFrom = "2020-01-01", ValidTo = "2025-12-31" }, ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_renewal_must_expire_after_it_starts() =>
        EventAssert.Fails(
            DomainErrorKind.Invalid,
            "validTo",
            () => InspectorDecisions.RenewCertificate(Renewal with { ValidTo = "2025-12-31" }, ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_renewal_needs_a_number() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "number", () => InspectorDecisions.RenewCertificate(Renewal with { Number = null }, ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void An_external_expert_has_no_certificate_to_renew() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "certificate", () => InspectorDecisions.RenewCertificate(Renewal, Given(ExpertEnrolled(Earlier)), CityPersonnel, Now));

    [Fact]
    public void An_unknown_inspector_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "id", () => InspectorDecisions.RenewCertificate(Renewal, null, NanmingPersonnel, Now));

    [Fact]
    public void Only_the_personnel_office_renews() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.RenewCertificate(Renewal, ActiveStaff(), StaffHimself, Now));

    [Fact]
    public void Another_district_does_not_renew() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.RenewCertificate(Renewal, ActiveStaff(), YunyanPersonnel, Now));

    [Fact]
    public void A_retired_inspector_no_longer_changes() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.RenewCertificate(Renewal, RetiredStaff(), NanmingPersonnel, Now));
}
