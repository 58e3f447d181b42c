using FairDraw.Ledger.Access;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Tests.Support;
using static FairDraw.Ledger.Tests.Items.ItemListExamples;

namespace FairDraw.Ledger.Tests.Items;

public sealed class PublishingItemLists
{
    [Fact]
    public void Publishing_a_draft_records_who_and_when() =>
        EventAssert.Equal(
            [new ItemListPublished(Guiyang, "2021版", "credit-guiyang", Now)],
            ItemListDecisions.Publish(Given(Drafted()), CreditOffice, Now));

    [Fact]
    public void A_published_list_cannot_be_published_again() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "version", () => ItemListDecisions.Publish(Given(Drafted(), Published()), CreditOffice, Now));

    [Fact]
    public void A_list_without_items_cannot_be_published() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "items", () => ItemListDecisions.Publish(Given(Drafted() with { Items = [] }), CreditOffice, Now));

    [Fact]
    public void A_list_whose_items_are_all_retired_cannot_be_published() =>
        EventAssert.Fails(DomainErrorKind.Conflict, "items", () => ItemListDecisions.Publish(
            Given(Drafted(), Retired("01-01"), Retired("05-01")), CreditOffice, Now));

    [Fact]
    public void Publishing_an_unknown_list_is_not_found() =>
        EventAssert.Fails(DomainErrorKind.NotFound, "version", () => ItemListDecisions.Publish(Given(), CreditOffice, Now));

    [Fact]
    public void Only_the_credit_office_publishes() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ItemListDecisions.Publish(Given(Drafted()), CreditOffice with { Role = Role.BusinessDivision }, Now));

    [Fact]
    public void Another_citys_credit_office_cannot_publish() =>
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ItemListDecisions.Publish(
            Given(Drafted()), CreditOffice with { Jurisdiction = DivisionCode.Parse("520300") }, Now));
}
