using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Items.ItemListExamples;

namespace FairDraw.Ledger.Tests.Items;

public sealed class DraftingItemLists
{
    private static readonly Dictionary<string, Func<DraftItemList, DraftItemList>> Faults = new()
    {
        ["bad jurisdiction"] = d => d with { Jurisdiction = "5201" },
        ["version with a colon"] = d => d with { Version = "2021:1" },
        ["no title"] = d => d with { Title = " " },
        ["duplicate category code"] = d => d with { Categories = [.. Categories(), new CategoryInput("05", "食品销售")] },
        ["category code with a space"] = d => d with { Categories = [new CategoryInput("0 1", "企业公示信息"), Categories()[1]] },
        ["duplicate item code"] = d => d with { Items = [Disclosure(), Disclosure() with { Name = "另一事项" }] },
        ["unknown category"] = d => d with { Items = [Disclosure() with { CategoryCode = "99" }] },
        ["no method"] = d => d with { Items = [FoodProduction(), Disclosure() with { Methods = [] }] },
        ["blank methods only"] = d => d with { Items = [Disclosure() with { Methods = [" ", ""] }] },
        ["no object type"] = d => d with { Items = [Disclosure() with { ObjectTypes = null }] },
        ["unknown object type"] = d => d with { Items = [Disclosure() with { ObjectTypes = ["公司"] }] },
        ["unknown kind"] = d => d with { Items = [Disclosure() with { Kind = "次要" }] },
        ["unknown method"] = d => d with { Items = [Disclosure() with { Methods = ["电话核查"] }] },
        ["no department"] = d => d with { Items = [Disclosure() with { ResponsibleDepartment = null }] },
        ["no legal basis"] = d => d with { Items = [Disclosure() with { LegalBasis = "" }] },
        ["unknown level"] = d => d with { Items = [Disclosure() with { Level = "省级" }] },
        ["null category"] = d => d with { Categories = [Categories()[0], null!] },
        ["null item"] = d => d with { Items = [null!] },
    };

    [Fact]
    public void Drafting_records_the_whole_list_with_canonical_types_and_methods() =>
        EventAssert.Equal([Drafted()], ItemListDecisions.Draft(Draft(), Given(), CreditOffice, DraftedAt));

    [Fact]
    public void A_provincial_credit_office_may_draft_a_city_list()
    {
        var province = CreditOffice with { Id = "credit-guizhou", Jurisdiction = DivisionCode.Parse("520000") };
        var drafted = Assert.IsType<ItemListDrafted>(Assert.Single(ItemListDecisions.Draft(Draft(), Given(), province, DraftedAt)));
        Assert.Equal(("credit-guizhou", Guiyang), (drafted.DraftedBy, drafted.Jurisdiction));
    }

    [Fact]
    public void Drafting_an_existing_version_is_a_conflict() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "version", () => ItemListDecisions.Draft(Draft(), Given(Drafted()), CreditOffice, Now));

    [Theory]
    [InlineData(Role.BusinessDivision)]
    [InlineData(Role.DistrictBureau)]
    [InlineData(Role.Auditor)]
    public void Only_the_credit_office_drafts(Role role) =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ItemListDecisions.Draft(Draft(), Given(), CreditOffice with { Role = role }, Now));

    [Fact]
    public void A_district_credit_office_cannot_draft_the_city_list() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ItemListDecisions.Draft(
            Draft(), Given(), CreditOffice with { Jurisdiction = DivisionCode.Parse("520102") }, Now));

    [Theory]
    [InlineData("bad jurisdiction", "jurisdiction")]
    [InlineData("version with a colon", "version")]
    [InlineData("no title", "title")]
    [InlineData("duplicate category code", "categories[2].code")]
    [InlineData("category code with a space", "categories[0].code")]
    [InlineData("duplicate item code", "items[1].code")]
    [InlineData("unknown category", "items[0].categoryCode")]
    [InlineData("no method", "items[1].methods")]
    [InlineData("blank methods only", "items[0].methods")]
    [InlineData("no object type", "items[0].objectTypes")]
    [InlineData("unknown object type", "items[0].objectTypes")]
    [InlineData("unknown kind", "items[0].kind")]
    [InlineData("unknown method", "items[0].methods")]
    [InlineData("no department", "items[0].responsibleDepartment")]
    [InlineData("no legal basis", "items[0].legalBasis")]
    [InlineData("unknown level", "items[0].level")]
    [InlineData("null category", "categories[1]")]
    [InlineData("null item", "items[0]")]
    public void An_invalid_draft_names_the_field(string fault, string field) =>
        EventAssert.Fails(DomainErrorKind.Invalid, field, () => ItemListDecisions.Draft(Faults[fault](Draft()), Given(), CreditOffice, Now));

    [Fact]
    public void Validation_collects_every_problem_of_the_content()
    {
        var content = ItemListContent.Validate(
            Categories(),
            [Disclosure() with { Kind = "x" }, FoodProduction(), FoodProduction(), Disclosure() with { CategoryCode = "02", Methods = [] }]);

        Assert.Equal(
            ["items[0].kind", "items[2].code", "items[3].categoryCode"],
            content.Problems.Select(p => p.Path));
        Assert.Equal(["05-01"], content.Items.Select(i => i.Code));
    }
}
