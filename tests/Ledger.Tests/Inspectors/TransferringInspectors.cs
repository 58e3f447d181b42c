using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Inspectors.InspectorExamples;

namespace FairDraw.Ledger.Tests.Inspectors;

public sealed class TransferringInspectors
{
    private static readonly TransferInspector ToYunyan = new("云岩区市场监督管理局执法大队", "520103");

    [Fact]
    public void The_city_transfers_between_its_districts()
    {
        var events = InspectorDecisions.Transfer(ToYunyan, ActiveStaff(), CityPersonnel, Now);

        EventAssert.Equal([new InspectorTransferred(StaffId, "云岩区市场监督管理局执法大队", DivisionCode.Parse("520103"), "personnel-city", Now)], events);
    }

    [Fact]
    public void A_district_moves_an_inspector_to_another_unit_of_its_own()
    {
        var events = InspectorDecisions.Transfer(new TransferInspector("南明区市场监督管理局花果园市场监管所", "520102"), ActiveStaff(), NanmingPersonnel, Now);

        EventAssert.Equal([new InspectorTransferred(StaffId, "南明区市场监督管理局花果园市场监管所", DivisionCode.Parse("520102"), "personnel-nanming", Now)], events);
    }

    [Fact]
    public void The_old_district_alone_does_not_transfer_into_another() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Transfer(ToYunyan, ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void The_new_district_alone_does_not_transfer_out_of_another() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Transfer(ToYunyan, ActiveStaff(), YunyanPersonnel, Now));

    [Fact]
    public void Only_the_personnel_office_transfers() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Transfer(ToYunyan, ActiveStaff(), CityRegistrar, Now));

    [Fact]
    public void A_transfer_to_where_the_inspector_is_is_a_conflict() =>
        EventAssert.Fails(
            DomainErrorKind.Conflict,
            "unit",
            () => InspectorDecisions.Transfer(new TransferInspector("南明区市场监督管理局执法大队", "520102"), ActiveStaff(), CityPersonnel, Now));

    [Fact]
    public void A_transfer_needs_a_unit() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "unit", () => InspectorDecisions.Transfer(ToYunyan with { Unit = "" }, ActiveStaff(), CityPersonnel, Now));

    [Fact]
    public void A_transfer_needs_a_division_code() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "jurisdiction", () => InspectorDecisions.Transfer(ToYunyan with { Jurisdiction = "云岩区" }, ActiveStaff(), CityPersonnel, Now));

    [Fact]
    public void An_unknown_inspector_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "id", () => InspectorDecisions.Transfer(ToYunyan, null, CityPersonnel, Now));

    [Fact]
    public void A_retired_inspector_is_not_transferred() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.Transfer(ToYunyan, RetiredStaff(), CityPersonnel, Now));
}
