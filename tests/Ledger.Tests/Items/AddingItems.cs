using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Items.ItemListExamples;

namespace FairDraw.Ledger.Tests.Items;

public sealed class AddingItems
{
    private static ItemInput Hygiene() => new(
        "05-02", "05", "食品生产者食品安全自查制度执行情况的检查", ["Enterprise", "个体工商户"], "Key", ["委托检验检测/审计", "实地核查"],
        "食品生产处", "《食品生产许可管理办法》（示例）", "区县");

    [Fact]
    public void Adding_to_a_published_list_records_the_whole_item() =>
        EventAssert.Equal(
            [new InspectionItemAdded(Guiyang, "2021版", new InspectionItem(
                "05-02", "05", "食品生产者食品安全自查制度执行情况的检查", [EntityType.Enterprise, EntityType.IndividualBusiness], ItemKind.Key,
                [InspectionMethod.OnSite, InspectionMethod.Delegated], "食品生产处", "《食品生产许可管理办法》（示例）", ItemLevel.District),
                "credit-guiyang", Now)],
            ItemListDecisions.AddItem(Hygiene(), Given(Drafted(), Published()), CreditOffice, Now));

    [Fact]
    public void An_existing_code_is_a_conflict() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "code", () => ItemListDecisions.AddItem(
            Hygiene() with { Code = "05-01" }, Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void The_code_of_a_retired_item_is_not_reused() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "code", () => ItemListDecisions.AddItem(
            Hygiene() with { Code = "05-01" }, Given(Drafted(), Retired("05-01")), CreditOffice, Now));

    [Fact]
    public void The_category_must_be_in_the_list() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "categoryCode", () => ItemListDecisions.AddItem(
            Hygiene() with { CategoryCode = "06" }, Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void An_item_needs_a_method() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "methods", () => ItemListDecisions.AddItem(
            Hygiene() with { Methods = [] }, Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void An_item_needs_an_object_type() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "objectTypes", () => ItemListDecisions.AddItem(
            Hygiene() with { ObjectTypes = [] }, Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void Adding_to_an_unknown_list_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "version", () => ItemListDecisions.AddItem(Hygiene(), Given(), CreditOffice, Now));

    [Fact]
    public void Only_the_credit_office_adds() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ItemListDecisions.AddItem(
            Hygiene(), Given(Drafted()), CreditOffice with { Role = Role.Registrar }, Now));
}
