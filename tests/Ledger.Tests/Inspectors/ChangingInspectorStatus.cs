using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Inspectors.InspectorExamples;

namespace FairDraw.Ledger.Tests.Inspectors;

public sealed class ChangingInspectorStatus
{
    private static readonly SuspendInspector UnderInvestigation = new("接受纪检调查 / under investigation");

    [Fact]
    public void An_active_inspector_is_suspended_with_the_reason() =>
        EventAssert.Equal(
            [new InspectorSuspended(StaffId, "接受纪检调查 / under investigation", "personnel-nanming", Now)],
            InspectorDecisions.Suspend(UnderInvestigation, ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_suspension_needs_a_reason() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "reason", () => InspectorDecisions.Suspend(new SuspendInspector(" "), ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_suspended_inspector_is_not_suspended_again() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.Suspend(UnderInvestigation, SuspendedStaff(), NanmingPersonnel, Now));

    [Fact]
    public void Only_the_personnel_office_suspends() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Suspend(UnderInvestigation, ActiveStaff(), CityRegistrar, Now));

    [Fact]
    public void Another_district_does_not_suspend() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Suspend(UnderInvestigation, ActiveStaff(), YunyanPersonnel, Now));

    [Fact]
    public void A_suspended_inspector_is_reinstated() =>
        EventAssert.Equal(
            [new InspectorReinstated(StaffId, "personnel-city", Now)],
            InspectorDecisions.Reinstate(SuspendedStaff(), CityPersonnel, Now));

    [Fact]
    public void An_active_inspector_is_not_reinstated() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.Reinstate(ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void Only_the_personnel_office_reinstates() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Reinstate(SuspendedStaff(), StaffHimself, Now));

    [Fact]
    public void An_active_inspector_retires() =>
        EventAssert.Equal([new InspectorRetired(StaffId, "personnel-nanming", Now)], InspectorDecisions.Retire(ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_suspended_inspector_retires() =>
        EventAssert.Equal([new InspectorRetired(StaffId, "personnel-nanming", Now)], InspectorDecisions.Retire(SuspendedStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_retired_inspector_does_not_retire_again() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.Retire(RetiredStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_retired_inspector_is_not_reinstated() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.Reinstate(RetiredStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_retired_inspector_is_not_suspended() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.Suspend(UnderInvestigation, RetiredStaff(), NanmingPersonnel, Now));

    [Fact]
    public void Another_district_does_not_retire() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.Retire(ActiveStaff(), YunyanPersonnel, Now));

    [Fact]
    public void An_unknown_inspector_is_not_found()
    {
        EventAssert.Fails(DomainErrorKind.NotFound, "id", () => InspectorDecisions.Suspend(UnderInvestigation, null, NanmingPersonnel, Now));
        EventAssert.Fails(DomainErrorKind.NotFound, "id", () => InspectorDecisions.Reinstate(null, NanmingPersonnel, Now));
        EventAssert.Fails(DomainErrorKind.NotFound, "id", () => InspectorDecisions.Retire(null, NanmingPersonnel, Now));
    }
}
