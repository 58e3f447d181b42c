using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Inspectors.InspectorExamples;

namespace FairDraw.Ledger.Tests.Inspectors;

public sealed class UpdatingQualifications
{
    [Fact]
    public void An_update_records_both_lists_canonically()
    {
        var command = new UpdateQualifications(["特种设备检验员", " 行政执法资格"], ["计量", "特种设备", "计量"]);

        var events = InspectorDecisions.UpdateQualifications(command, ActiveStaff(), NanmingPersonnel, Now);

        EventAssert.Equal([new QualificationsUpdated(StaffId, ["特种设备检验员", "行政执法资格"], ["特种设备", "计量"], "personnel-nanming", Now)], events);
    }

    [Fact]
    public void The_same_lists_in_another_order_change_nothing()
    {
        var command = new UpdateQualifications(["食品检查员", "行政执法资格"], ["食品安全", "特种设备"]);

        Assert.Empty(InspectorDecisions.UpdateQualifications(command, ActiveStaff(), NanmingPersonnel, Now));
    }

    [Fact]
    public void An_invalid_tag_names_its_list() =>
        EventAssert.Fails(
            DomainErrorKind.Invalid,
            "expertise",
            () => InspectorDecisions.UpdateQualifications(new UpdateQualifications([], [""]), ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void Only_the_personnel_office_updates() =>
        EventAssert.Fails(
            DomainErrorKind.Forbidden,
            "",
            () => InspectorDecisions.UpdateQualifications(new UpdateQualifications([], []), ActiveStaff(), CityRegistrar, Now));

    [Fact]
    public void Another_district_does_not_update() =>
        EventAssert.Fails(
            DomainErrorKind.Forbidden,
            "",
            () => InspectorDecisions.UpdateQualifications(new UpdateQualifications([], []), ActiveStaff(), YunyanPersonnel, Now));

    [Fact]
    public void An_unknown_inspector_is_not_found() =>
        EventAssert.Fails(
            DomainErrorKind.NotFound,
            "id",
            () => InspectorDecisions.UpdateQualifications(new UpdateQualifications([], []), null, NanmingPersonnel, Now));

    [Fact]
    public void A_retired_inspector_no_longer_changes() =>
        EventAssert.Fails(
            DomainErrorKind.Conflict,
            "status",
            () => InspectorDecisions.UpdateQualifications(new UpdateQualifications([], []), RetiredStaff(), NanmingPersonnel, Now));
}
