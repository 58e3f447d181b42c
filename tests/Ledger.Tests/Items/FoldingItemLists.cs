using FairDraw.Ledger.Items;
using FairDraw.Ledger.Tests.Support;
using NodaTime;
using static FairDraw.Ledger.Tests.Items.ItemListExamples;

namespace FairDraw.Ledger.Tests.Items;

public sealed class FoldingItemLists
{
    [Fact]
    public void The_state_follows_every_event_and_keeps_the_order_items_entered_in()
    {
        var added = FoodProductionItem() with { Code = "05-02", Name = "食品生产者标签标识的检查" };
        var amended = DisclosureItem() with { Name = "企业即时信息公示情况的检查" };

        var state = Given(
            Drafted(),
            Published(),
            new InspectionItemAdded(Guiyang, "2021版", added, "credit-guiyang", Now),
            new InspectionItemAmended(Guiyang, "2021版", amended, "credit-guiyang", Now),
            Retired("05-01"));

        EventAssert.Same(
            new ItemList(Guiyang, "2021版", "贵阳市市场监管系统随机抽查事项清单（2021版）", Drafted().Categories,
                [new ListedItem(amended, ItemStatus.Active), new ListedItem(FoodProductionItem(), ItemStatus.Retired), new ListedItem(added, ItemStatus.Active)],
                DraftedAt + Duration.FromDays(7)),
            state,
            "state");
    }

    [Fact]
    public void No_event_but_the_draft_starts_a_list() =>
        Assert.Throws<InvalidOperationException>(() => Given(Published()));
}
