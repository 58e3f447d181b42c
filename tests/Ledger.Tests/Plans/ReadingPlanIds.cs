using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Plans.PlanExamples;

namespace FairDraw.Ledger.Tests.Plans;

public sealed class ReadingPlanIds
{
    [Fact]
    public void A_plan_id_is_year_jurisdiction_and_department()
    {
        var id = PlanId.Create(2021, " 520100 ", " SPSC ");
        Assert.Equal(("2021-520100-SPSC", "plan:2021-520100-SPSC", "2021-520100-SPSC-T01"), (id.ToString(), id.StreamKey, id.TaskId("T01")));
        Assert.Equal(id, PlanId.Parse("2021-520100-SPSC"));
    }

    [Fact]
    public void A_task_id_splits_into_its_plan_and_code() =>
        Assert.Equal((new PlanId(2021, Guiyang, "SPSC"), "T01"), PlanId.ParseTask("2021-520100-SPSC-T01"));

    [Theory]
    [InlineData("2021-520100")]
    [InlineData("21-520100-SPSC")]
    [InlineData("2021-5201-SPSC")]
    [InlineData("2021-520100-SP_SC")]
    [InlineData("1999-520100-SPSC")]
    [InlineData("2021-520100-SPSC-T01")]
    public void A_malformed_plan_id_is_invalid(string text) =>
        EventAssert.Fails(DomainErrorKind.Invalid, "planId", () => PlanId.Parse(text));

    [Theory]
    [InlineData("2021-520100-SPSC")]
    [InlineData("2021-520100-SPSC-")]
    [InlineData("2021-520100-SPSC-T-1")]
    public void A_malformed_task_id_is_invalid(string text) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(() => PlanId.ParseTask(text)).Kind);
}
