using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Tests.Plans;
using NodaTime;

namespace FairDraw.Ledger.Tests.Entities;

/// <summary>
/// GB/T 4754-2017 industry codes: sections A–T, then division, group and class digits (e.g. C 制造业, C13 农副食品加工业,
/// C139 其他农副食品加工, C1391 淀粉及淀粉制品制造). The directory and a plan's targeting take exactly the same codes.
/// </summary>
public sealed class IndustryCodeTests
{
    private static readonly Actor Registrar = new("registrar", Role.Registrar, DivisionCode.Parse("520102"));

    [Theory]
    [InlineData("A", "A")] // section A 农、林、牧、渔业
    [InlineData("C13", "C13")] // division 13
    [InlineData("C1391", "C1391")] // class 1391
    [InlineData(" F5211 ", "F5211")] // class 5211 百货零售, trimmed
    [InlineData("T9600", "T9600")] // section T 国际组织, the last section
    public void A_section_letter_and_up_to_four_digits_is_a_code(string given, string code) =>
        Assert.Equal(code, IndustryCode.Parse(given, "industry"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("U1234")] // no section U
    [InlineData("c1391")] // sections are capital letters
    [InlineData("52")] // digits without a section
    [InlineData("F52A")]
    [InlineData("C13911")] // five digits
    public void Anything_else_is_refused_on_the_field_given(string? given) =>
        Assert.Equal("targeting.industries[0]", Assert.Throws<DomainException>(() => IndustryCode.Parse(given, "targeting.industries[0]")).Field);

    [Theory]
    [InlineData("C1391")]
    [InlineData("T9600")]
    [InlineData("U1234")]
    [InlineData("F52A")]
    [InlineData("C13911")]
    public void An_entity_may_hold_exactly_the_codes_a_task_may_target(string code)
    {
        var registered = Accepts(() => EntityDecisions.Validate(Entity(code), Registrar, PlanExamples.Now));
        var targeted = Accepts(() => PlanDecisions.Draft(
            PlanExamples.Draft(PlanExamples.FoodTask() with { Targeting = new TargetingInput(null, [code], null, null, null) }),
            null, PlanExamples.Context(), PlanExamples.FoodDivision, PlanExamples.Now));
        Assert.Equal(registered, targeted);
    }

    private static EntityInput Entity(string industry) =>
        new(Uscc.Complete("91520102MA6DKXAB").Value, "示例商贸有限公司", "企业", "520102", "南明区市场监督管理局", "示例路1号", industry, "B", [], null);

    private static bool Accepts(Func<object> decide)
    {
        try
        {
            decide();
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }
}
