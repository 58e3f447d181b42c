using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Items.ItemListExamples;

namespace FairDraw.Ledger.Tests.Items;

public sealed class AmendingItems
{
    [Fact]
    public void Amending_records_the_whole_new_item() =>
        EventAssert.Equal(
            [new InspectionItemAmended(Guiyang, "2021版", FoodProductionItem() with { Kind = ItemKind.Key, ObjectTypes = [EntityType.Enterprise, EntityType.IndividualBusiness] }, "credit-guiyang", Now)],
            ItemListDecisions.AmendItem("05-01", FoodProduction() with { Kind = "重点", ObjectTypes = ["企业", "个体工商户"] }, Given(Drafted(), Published()), CreditOffice, Now));

    [Fact]
    public void The_code_may_be_left_out_of_the_body() =>
        EventAssert.Equal(
            [new InspectionItemAmended(Guiyang, "2021版", FoodProductionItem() with { Name = "食品生产条件检查" }, "credit-guiyang", Now)],
            ItemListDecisions.AmendItem("05-01", FoodProduction() with { Code = null, Name = "食品生产条件检查" }, Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void An_unchanged_item_records_nothing() =>
        Assert.Empty(ItemListDecisions.AmendItem("05-01", FoodProduction() with { Methods = ["OnSite", "实地核查"] }, Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void A_different_code_in_the_body_is_invalid() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "code", () => ItemListDecisions.AmendItem("05-01", Disclosure(), Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void An_unknown_item_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "code", () => ItemListDecisions.AmendItem("05-09", FoodProduction(), Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void A_retired_item_cannot_be_amended() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "code", () => ItemListDecisions.AmendItem(
            "05-01", FoodProduction(), Given(Drafted(), Retired("05-01")), CreditOffice, Now));

    [Fact]
    public void The_amended_item_is_validated() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "level", () => ItemListDecisions.AmendItem(
            "05-01", FoodProduction() with { Level = "" }, Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void Only_the_credit_office_amends() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ItemListDecisions.AmendItem(
            "05-01", FoodProduction(), Given(Drafted()), CreditOffice with { Role = Role.Inspector }, Now));
}
