using FairDraw.Ledger.Access;
using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Inspectors.InspectorExamples;

namespace FairDraw.Ledger.Tests.Inspectors;

public sealed class DeclaringConflictsOfInterest
{
    private static readonly DeclareConflictOfInterest Relative = new(NanmingShop, "配偶任该企业法定代表人 / spouse is its legal representative");

    private static Inspector? WithConflict() =>
        Given(StaffEnrolled(Earlier), new ConflictOfInterestDeclared(StaffId, NanmingShop, "亲属", StaffId, Earlier));

    [Fact]
    public void The_inspector_declares_its_own_conflict() =>
        EventAssert.Equal(
            [new ConflictOfInterestDeclared(StaffId, NanmingShop, "配偶任该企业法定代表人 / spouse is its legal representative", StaffId, Now)],
            InspectorDecisions.DeclareConflict(Relative, ActiveStaff(), StaffHimself, Now));

    [Fact]
    public void The_personnel_office_declares_a_conflict() =>
        EventAssert.Equal(
            [new ConflictOfInterestDeclared(StaffId, NanmingShop, "配偶任该企业法定代表人 / spouse is its legal representative", "personnel-nanming", Now)],
            InspectorDecisions.DeclareConflict(Relative, ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_code_with_white_space_around_it_is_refused_not_trimmed() =>
        Assert.Equal("uscc", Assert.Throws<DomainException>(
            () => InspectorDecisions.DeclareConflict(Relative with { Uscc = " " + NanmingShop }, ActiveStaff(), NanmingPersonnel, Now)).Field);

    [Fact]
    public void An_inspector_from_another_district_may_declare_its_own_conflict()
    {
        var himselfAfterTransfer = StaffHimself with { Jurisdiction = DivisionCode.Parse("520103") };

        Assert.Single(InspectorDecisions.DeclareConflict(Relative, ActiveStaff(), himselfAfterTransfer, Now));
    }

    [Fact]
    public void Another_inspector_may_not_declare() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.DeclareConflict(Relative, ActiveStaff(), OtherInspector, Now));

    [Fact]
    public void Other_roles_may_not_declare() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.DeclareConflict(Relative, ActiveStaff(), CityRegistrar, Now));

    [Fact]
    public void The_personnel_office_of_another_district_may_not_declare() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.DeclareConflict(Relative, ActiveStaff(), YunyanPersonnel, Now));

    [Fact]
    public void A_conflict_is_declared_once() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "uscc", () => InspectorDecisions.DeclareConflict(Relative, WithConflict(), StaffHimself, Now));

    [Fact]
    public void A_code_with_a_wrong_check_character_is_invalid() =>
        EventAssert.Fails(
            DomainErrorKind.Invalid,
            "uscc",
            () => InspectorDecisions.DeclareConflict(Relative with { Uscc = NanmingShop[..17] + (NanmingShop[17] == '0' ? '1' : '0') }, ActiveStaff(), StaffHimself, Now));

    [Fact]
    public void A_declaration_needs_a_reason() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "reason", () => InspectorDecisions.DeclareConflict(Relative with { Reason = null }, ActiveStaff(), StaffHimself, Now));

    [Fact]
    public void A_retired_inspector_declares_nothing() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.DeclareConflict(Relative, RetiredStaff(), StaffHimself, Now));

    [Fact]
    public void An_unknown_inspector_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "id", () => InspectorDecisions.DeclareConflict(Relative, null, NanmingPersonnel, Now));

    [Fact]
    public void The_personnel_office_withdraws_a_conflict() =>
        EventAssert.Equal(
            [new ConflictOfInterestWithdrawn(StaffId, NanmingShop, "personnel-nanming", Now)],
            InspectorDecisions.WithdrawConflict(NanmingShop, WithConflict(), NanmingPersonnel, Now));

    [Fact]
    public void The_inspector_may_not_withdraw_its_own_recusal() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.WithdrawConflict(NanmingShop, WithConflict(), StaffHimself, Now));

    [Fact]
    public void The_personnel_office_of_another_district_may_not_withdraw() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => InspectorDecisions.WithdrawConflict(NanmingShop, WithConflict(), YunyanPersonnel, Now));

    [Fact]
    public void Withdrawing_an_undeclared_conflict_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "uscc", () => InspectorDecisions.WithdrawConflict(NanmingShop, ActiveStaff(), NanmingPersonnel, Now));

    [Fact]
    public void A_retired_inspector_keeps_its_conflicts()
    {
        var retired = Given(StaffEnrolled(Earlier), new ConflictOfInterestDeclared(StaffId, NanmingShop, "亲属", StaffId, Earlier), new InspectorRetired(StaffId, "personnel-nanming", Earlier));

        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => InspectorDecisions.WithdrawConflict(NanmingShop, retired, NanmingPersonnel, Now));
    }
}
