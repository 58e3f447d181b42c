using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Items.ItemListExamples;

namespace FairDraw.Ledger.Tests.Items;

public sealed class RetiringItems
{
    [Fact]
    public void Retiring_records_the_code_and_the_reason() =>
        EventAssert.Equal(
            [new InspectionItemRetired(Guiyang, "2021版", "01-01", "并入01-02", "credit-guiyang", Now)],
            ItemListDecisions.RetireItem("01-01", new RetireInspectionItem(" 并入01-02 "), Given(Drafted(), Published()), CreditOffice, Now));

    [Fact]
    public void An_unknown_item_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "code", () => ItemListDecisions.RetireItem(
            "09-01", new RetireInspectionItem("不再检查"), Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void A_retired_item_cannot_be_retired_again() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "code", () => ItemListDecisions.RetireItem(
            "01-01", new RetireInspectionItem("不再检查"), Given(Drafted(), Retired("01-01")), CreditOffice, Now));

    [Fact]
    public void The_reason_is_required() =>
        EventAssert.Fails(DomainErrorKind.Invalid, "reason", () => ItemListDecisions.RetireItem(
            "01-01", new RetireInspectionItem(null), Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void Retiring_in_an_unknown_list_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "version", () => ItemListDecisions.RetireItem(
            "01-01", new RetireInspectionItem("不再检查"), Given(), CreditOffice, Now));

    [Fact]
    public void Another_jurisdiction_cannot_retire() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ItemListDecisions.RetireItem(
            "01-01", new RetireInspectionItem("不再检查"), Given(Drafted()), CreditOffice with { Jurisdiction = DivisionCode.Parse("520111") }, Now));
}
