using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Plans.PlanExamples;

namespace FairDraw.Ledger.Tests.Plans;

public sealed class FilingPlans
{
    [Fact]
    public void A_draft_is_filed_upward_once() =>
        EventAssert.Equal([new PlanFiled(FoodPlanId, 1, "food-division", Now)], PlanDecisions.File(Given(Drafted()), FoodDivision, Now));

    [Fact]
    public void A_plan_filed_as_it_stands_is_not_filed_again()
    {
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => PlanDecisions.File(Given(Drafted(), Filed()), FoodDivision, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => PlanDecisions.File(Given(Drafted(), Filed(), Acknowledged()), FoodDivision, Now));
    }

    [Fact]
    public void An_adjusted_plan_is_filed_again_as_the_next_filing() =>
        EventAssert.Equal([new PlanFiled(FoodPlanId, 2, "food-division", Now)], PlanDecisions.File(Given(Drafted(), Filed(), Acknowledged(), Adjusted()), FoodDivision, Now));

    [Fact]
    public void Filing_an_unknown_plan_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "planId", () => PlanDecisions.File(Given(), FoodDivision, Now));

    [Theory]
    [InlineData(Role.CreditOffice, "520100")]
    [InlineData(Role.Registrar, "520100")]
    [InlineData(Role.DistrictBureau, "520102")]
    public void Only_a_planner_of_the_jurisdiction_files(Role role, string jurisdiction) =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => PlanDecisions.File(
            Given(Drafted()), new Actor("someone", role, DivisionCode.Parse(jurisdiction)), Now));

    [Fact]
    public void The_credit_office_acknowledges_the_current_filing() =>
        EventAssert.Equal(
            [new PlanFilingAcknowledged(FoodPlanId, 2, Guiyang, "credit-guiyang", Now)],
            PlanDecisions.Acknowledge(Given(Drafted(), Filed(), Acknowledged(), Adjusted(), Filed(2)), CityCreditOffice, Now));

    [Fact]
    public void The_provincial_credit_office_may_acknowledge_a_city_plan()
    {
        var province = new Actor("credit-guizhou", Role.CreditOffice, DivisionCode.Parse("520000"));
        var acknowledged = Assert.IsType<PlanFilingAcknowledged>(Assert.Single(PlanDecisions.Acknowledge(Given(Drafted(), Filed()), province, Now)));
        Assert.Equal(("520000", 1), (acknowledged.Office.Value, acknowledged.Filing));
    }

    [Theory]
    [InlineData(Role.BusinessDivision, "520100")]
    [InlineData(Role.Auditor, "520100")]
    [InlineData(Role.CreditOffice, "520102")]
    [InlineData(Role.CreditOffice, "520300")]
    public void Only_a_credit_office_covering_the_plan_acknowledges(Role role, string jurisdiction) =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => PlanDecisions.Acknowledge(
            Given(Drafted(), Filed()), new Actor("someone", role, DivisionCode.Parse(jurisdiction)), Now));

    [Fact]
    public void Only_a_pending_filing_is_acknowledged()
    {
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => PlanDecisions.Acknowledge(Given(Drafted()), CityCreditOffice, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => PlanDecisions.Acknowledge(Given(Drafted(), Filed(), Acknowledged()), CityCreditOffice, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "status", () => PlanDecisions.Acknowledge(Given(Drafted(), Filed(), Adjusted()), CityCreditOffice, Now));
    }

    [Fact]
    public void Acknowledging_an_unknown_plan_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "planId", () => PlanDecisions.Acknowledge(Given(), CityCreditOffice, Now));
}
