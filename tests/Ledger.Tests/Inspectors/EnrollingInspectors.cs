using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Inspectors.InspectorExamples;

namespace FairDraw.Ledger.Tests.Inspectors;

public sealed class EnrollingInspectors
{
    /// <summary>Each invalid enrolment (by name) and the field its error must name.</summary>
    private static readonly Dictionary<string, (string Field, InspectorInput Input)> Invalid = new()
    {
        ["id too short"] = ("id", Staff() with { Id = "GY" }),
        ["id with a space"] = ("id", Staff() with { Id = "GY 0001" }),
        ["id starting with a hyphen"] = ("id", Staff() with { Id = "-GY0001" }),
        ["id of 33 characters"] = ("id", Staff() with { Id = new string('9', 33) }),
        ["name missing"] = ("name", Staff() with { Name = "  " }),
        ["unknown kind"] = ("kind", Staff() with { Kind = "临时工" }),
        ["jurisdiction of 4 digits"] = ("jurisdiction", Staff() with { Jurisdiction = "5201" }),
        ["unit missing"] = ("unit", Staff() with { Unit = null }),
        ["staff with an institution"] = ("institution", Staff() with { Institution = "贵州大学" }),
        ["staff without certificate"] = ("certificate", Staff() with { Certificate = null }),
        ["certificate without number"] = ("certificate.number", Staff() with { Certificate = new CertificateInput("", "2020-01-01", "2025-12-31") }),
        ["certificate date not ISO"] = ("certificate.validFrom", Staff() with { Certificate = new CertificateInput("1", "2020/01/01", "2025-12-31") }),
        ["certificate expiring before it starts"] = ("certificate.validTo", Staff() with { Certificate = new CertificateInput("1", "2020-01-01", "2019-12-31") }),
        ["certificate expiring the day it starts"] = ("certificate.validTo", Staff() with { Certificate = new CertificateInput("1", "2020-01-01", "2020-01-01") }),
        ["expert without institution"] = ("institution", Expert() with { Institution = "" }),
        ["expert with a certificate"] = ("certificate", Expert() with { Certificate = new CertificateInput("1", "2020-01-01", "2025-12-31") }),
        ["expertise tag with a semicolon"] = ("expertise", Staff() with { Expertise = ["食品;药品"] }),
        ["qualification of 33 characters"] = ("qualifications", Staff() with { Qualifications = [new string('资', 33)] }),
    };

    public static TheoryData<string> InvalidCases => [.. Invalid.Keys];

    [Fact]
    public void Staff_enrol_with_their_certificate_and_canonical_tags()
    {
        var input = Staff() with { Expertise = [" 食品安全", "特种设备", "食品安全"] };

        var events = InspectorDecisions.Enrol(input, null, NanmingPersonnel, Now);

        EventAssert.Equal([StaffEnrolled(Now)], events);
    }

    [Fact]
    public void An_external_expert_enrols_with_an_institution_and_no_certificate()
    {
        var events = InspectorDecisions.Enrol(Expert(), null, CityPersonnel, Now);

        EventAssert.Equal([ExpertEnrolled(Now)], events);
    }

    [Fact]
    public void The_city_personnel_office_enrols_in_its_districts()
    {
        var events = InspectorDecisions.Enrol(Staff(), null, CityPersonnel, Now);

        EventAssert.Equal([StaffEnrolled(Now) with { EnrolledBy = "personnel-city" }], events);
    }

    [Fact]
    public void Enrolling_an_id_twice_is_a_conflict() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "id", () => InspectorDecisions.Enrol(Staff(), ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void Only_the_personnel_office_enrols() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Enrol(Staff(), null, CityRegistrar, Now));

    [Fact]
    public void A_district_does_not_enrol_in_another_district() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Enrol(Staff(), null, YunyanPersonnel, Now));

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void An_invalid_enrolment_names_its_field(string name)
    {
        var (field, input) = Invalid[name];

        EventAssert.Fails(DomainErrorKind.Invalid, field, () => InspectorDecisions.Enrol(input, null, CityPersonnel, Now));
    }
}
