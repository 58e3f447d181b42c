using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Plans.PlanExamples;

namespace FairDraw.Ledger.Tests.Plans;

/// <summary>Every validation rule of a plan's content, each named by the JSON path of the offending field.</summary>
public sealed class InvalidPlans
{
    private static readonly Dictionary<string, Func<DraftPlan, DraftPlan>> Faults = new()
    {
        ["year before 2000"] = d => d with { Year = 1999 },
        ["no year"] = d => d with { Year = null },
        ["bad jurisdiction"] = d => d with { Jurisdiction = "52010" },
        ["department with a hyphen"] = d => d with { Department = "SP-SC" },
        ["department too long"] = d => d with { Department = new string('A', 17) },
        ["no department name"] = d => d with { DepartmentName = " " },
        ["no item list"] = d => d with { ItemList = null },
        ["item list version with a colon"] = d => d with { ItemList = new ItemListReference("520100", "2021:1") },
        ["no tasks"] = d => d with { Tasks = [] },
        ["duplicate task code"] = d => d with { Tasks = [FoodTask(), DisclosureTask("T01")] },
        ["task code with a hyphen"] = d => d with { Tasks = [FoodTask("T-1")] },
        ["no task name"] = d => Task(d, t => t with { Name = null }),
        ["no items"] = d => Task(d, t => t with { ItemCodes = [] }),
        ["unknown item"] = d => Task(d, t => t with { ItemCodes = ["05-01", "99-01"] }),
        ["retired item"] = d => Task(d, t => t with { ItemCodes = ["12-01"] }),
        ["duplicate item"] = d => Task(d, t => t with { ItemCodes = ["05-01", "05-01"] }),
        ["unknown targeted type"] = d => Task(d, t => t with { Targeting = new(["公司"], null, null, null, null) }),
        ["targeted type no item applies to"] = d => Task(d, t => t with { Targeting = new(["FarmerCooperative"], null, null, null, null) }),
        ["bad industry"] = d => Task(d, t => t with { Targeting = new(null, ["52"], null, null, null) }),
        ["area outside the jurisdiction"] = d => Task(d, t => t with { Targeting = new(null, null, ["520102", "520302"], null, null) }),
        ["malformed area"] = d => Task(d, t => t with { Targeting = new(null, null, ["5201"], null, null) }),
        ["tag with a semicolon"] = d => Task(d, t => t with { Targeting = new(null, null, null, ["a;b"], null) }),
        ["unknown risk class"] = d => Task(d, t => t with { Targeting = new(null, null, null, null, ["E"]) }),
        ["unknown stratification"] = d => Task(d, t => t with { StratifyBy = "Industry" }),
        ["no strata"] = d => Task(d, t => t with { Strata = null }),
        ["risk stratum E"] = d => Task(d, t => t with { Strata = [.. t.Strata!, new StratumInput("E", "1/10", null)] }),
        ["stratum twice"] = d => Task(d, t => t with { Strata = [.. t.Strata!, new StratumInput("A", "1/10", null)] }),
        ["stratum missing"] = d => Task(d, t => t with { Strata = t.Strata!.Take(3).ToList() }),
        ["stratum of a type outside the pool"] = d => Task(d, t => t with { StratifyBy = "EntityType", Strata = [new("Enterprise", "1/10", null), new("Other", "1/10", null)] }),
        ["whole-pool stratum not 'all'"] = d => Task(d, t => t with { StratifyBy = "None", Strata = [new("A", "3/100", null)] }),
        ["ratio as a percentage"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = "3%" }, .. t.Strata.Skip(2)] }),
        ["ratio as a decimal"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = "0.03" }, .. t.Strata.Skip(2)] }),
        ["ratio above one"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = "101/100" }, .. t.Strata.Skip(2)] }),
        ["ratio zero"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = "0/100" }, .. t.Strata.Skip(2)] }),
        ["ratio with a plus sign"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = "+3/100" }, .. t.Strata.Skip(2)] }),
        ["ratio with a leading space"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = " 3/100" }, .. t.Strata.Skip(2)] }),
        ["ratio with a trailing space"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = "3/100 " }, .. t.Strata.Skip(2)] }),
        ["ratio with a leading zero"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = "03/100" }, .. t.Strata.Skip(2)] }),
        ["ratio denominator with a leading zero"] = d => Task(d, t => t with { Strata = [t.Strata![0], t.Strata[1] with { Ratio = "3/0100" }, .. t.Strata.Skip(2)] }),
        ["expertise with a semicolon"] = d => Task(d, t => t with { Strata = [t.Strata![0] with { Expertise = "食品;药品" }, .. t.Strata.Skip(1)] }),
        ["one inspector per object"] = d => Task(d, t => t with { InspectorsPerEntity = 1 }),
        ["no inspectors per object"] = d => Task(d, t => t with { InspectorsPerEntity = null }),
        ["capacity cap zero"] = d => Task(d, t => t with { CapacityCap = 0 }),
        ["no lead department"] = d => Task(d, t => t with { LeadDepartment = "" }),
        ["partner is the lead"] = d => Task(d, t => t with { PartnerDepartments = ["信用监管处", "食品生产监督管理处"] }),
        ["partner twice"] = d => Task(d, t => t with { PartnerDepartments = ["信用监管处", "信用监管处"] }),
        ["start not a date"] = d => Task(d, t => t with { Start = "2021/04/01" }),
        ["start in another year"] = d => Task(d, t => t with { Start = "2020-12-31" }),
        ["end in another year"] = d => Task(d, t => t with { End = "2022-01-01" }),
        ["end before start"] = d => Task(d, t => t with { Start = "2021-06-01", End = "2021-05-31" }),
    };

    private static DraftPlan Task(DraftPlan draft, Func<TaskInput, TaskInput> change) => draft with { Tasks = [DisclosureTask(), change(FoodTask())] };

    [Theory]
    [InlineData("year before 2000", "year")]
    [InlineData("no year", "year")]
    [InlineData("bad jurisdiction", "jurisdiction")]
    [InlineData("department with a hyphen", "department")]
    [InlineData("department too long", "department")]
    [InlineData("no department name", "departmentName")]
    [InlineData("no item list", "itemList")]
    [InlineData("item list version with a colon", "itemList.version")]
    [InlineData("no tasks", "tasks")]
    [InlineData("duplicate task code", "tasks[1].code")]
    [InlineData("task code with a hyphen", "tasks[0].code")]
    [InlineData("no task name", "tasks[1].name")]
    [InlineData("no items", "tasks[1].itemCodes")]
    [InlineData("unknown item", "tasks[1].itemCodes[1]")]
    [InlineData("retired item", "tasks[1].itemCodes[0]")]
    [InlineData("duplicate item", "tasks[1].itemCodes[1]")]
    [InlineData("unknown targeted type", "tasks[1].targeting.types[0]")]
    [InlineData("targeted type no item applies to", "tasks[1].targeting.types")]
    [InlineData("bad industry", "tasks[1].targeting.industries[0]")]
    [InlineData("area outside the jurisdiction", "tasks[1].targeting.areas[1]")]
    [InlineData("malformed area", "tasks[1].targeting.areas[0]")]
    [InlineData("tag with a semicolon", "tasks[1].targeting.tags")]
    [InlineData("unknown risk class", "tasks[1].targeting.riskClasses[0]")]
    [InlineData("unknown stratification", "tasks[1].stratifyBy")]
    [InlineData("no strata", "tasks[1].strata")]
    [InlineData("risk stratum E", "tasks[1].strata[4].stratum")]
    [InlineData("stratum twice", "tasks[1].strata[4].stratum")]
    [InlineData("stratum missing", "tasks[1].strata")]
    [InlineData("stratum of a type outside the pool", "tasks[1].strata[1].stratum")]
    [InlineData("whole-pool stratum not 'all'", "tasks[1].strata[0].stratum")]
    [InlineData("ratio as a percentage", "tasks[1].strata[1].ratio")]
    [InlineData("ratio as a decimal", "tasks[1].strata[1].ratio")]
    [InlineData("ratio above one", "tasks[1].strata[1].ratio")]
    [InlineData("ratio zero", "tasks[1].strata[1].ratio")]
    [InlineData("ratio with a plus sign", "tasks[1].strata[1].ratio")]
    [InlineData("ratio with a leading space", "tasks[1].strata[1].ratio")]
    [InlineData("ratio with a trailing space", "tasks[1].strata[1].ratio")]
    [InlineData("ratio with a leading zero", "tasks[1].strata[1].ratio")]
    [InlineData("ratio denominator with a leading zero", "tasks[1].strata[1].ratio")]
    [InlineData("expertise with a semicolon", "tasks[1].strata[0].expertise")]
    [InlineData("one inspector per object", "tasks[1].inspectorsPerEntity")]
    [InlineData("no inspectors per object", "tasks[1].inspectorsPerEntity")]
    [InlineData("capacity cap zero", "tasks[1].capacityCap")]
    [InlineData("no lead department", "tasks[1].leadDepartment")]
    [InlineData("partner is the lead", "tasks[1].partnerDepartments[1]")]
    [InlineData("partner twice", "tasks[1].partnerDepartments[1]")]
    [InlineData("start not a date", "tasks[1].start")]
    [InlineData("start in another year", "tasks[1].start")]
    [InlineData("end in another year", "tasks[1].end")]
    [InlineData("end before start", "tasks[1].end")]
    public void An_invalid_plan_names_the_field(string fault, string field) =>
        EventAssert.Fails(DomainErrorKind.Invalid, field, () => PlanDecisions.Draft(Faults[fault](Draft()), Given(), Context(), FoodDivision, Now));

    [Fact]
    public void Every_fault_has_a_case() => Assert.Equal(50, Faults.Count);

    [Fact]
    public void The_list_must_exist_and_be_published()
    {
        EventAssert.Fails(DomainErrorKind.Invalid, "itemList", () => PlanDecisions.Draft(Draft(), Given(), PlanContext.Undrawn(null, null), FoodDivision, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "itemList", () => PlanDecisions.Draft(Draft(), Given(), Context(list: List(published: false)), FoodDivision, Now));
    }

    [Fact]
    public void The_list_must_apply_to_the_plan_jurisdiction()
    {
        var zunyi = List() with { Jurisdiction = DivisionCode.Parse("520300") };
        var draft = Draft() with { ItemList = new ItemListReference("520300", "2021版") };
        EventAssert.Fails(DomainErrorKind.Invalid, "itemList.jurisdiction", () => PlanDecisions.Draft(draft, Given(), Context(list: zunyi), FoodDivision, Now));
    }

    [Fact]
    public void A_list_other_than_the_one_named_is_not_taken_for_it() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "itemList", () => PlanDecisions.Draft(
            Draft() with { ItemList = new ItemListReference("520100", "2022版") }, Given(), Context(), FoodDivision, Now));
}
