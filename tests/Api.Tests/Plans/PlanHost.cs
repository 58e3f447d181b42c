using System.Net;
using System.Text;
using Alba;
using FairDraw.Api.Entities;
using FairDraw.Api.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Plans;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Plans;

/// <summary>
/// The plans collection's host and its Given side: Guiyang's published three-item list and a small directory —
/// 南明区 (520102): 20 A, 20 B, 10 C and 10 D existing enterprises, 10 individual businesses, 5 deregistered enterprises;
/// 云岩区 (520103): 40 B existing enterprises. So the city has 100 existing enterprises (3% = 3), 南明区 60 (3% = 2).
/// </summary>
public sealed class PlanHost() : LedgerHost("test_plans")
{
    public const string Guiyang = "520100";
    public const string Nanming = "520102";
    public const string Yunyan = "520103";
    public const string CityPlanId = "2021-520100-SPSC";
    public const string NanmingPlanId = "2021-520102-NM01";
    public static readonly ItemListReference List = new(Guiyang, "2021版");

    public string FoodDivision => Token(Role.BusinessDivision, Guiyang, "food-division");

    public string NanmingBureau => Token(Role.DistrictBureau, Nanming, "nanming-bureau");

    public string CityCreditOffice => Token(Role.CreditOffice, Guiyang, "credit-guiyang");

    /// <summary>The list: 01-01 annual reports (enterprises, co-ops), 05-01 food production (enterprises, individual businesses), 09-01 product quality (city-coordinated).</summary>
    public static DraftItemList ItemList() => new(
        Guiyang,
        "2021版",
        "贵阳市市场监管系统随机抽查事项清单（2021版）",
        [new CategoryInput("01", "企业公示信息"), new CategoryInput("05", "食品生产"), new CategoryInput("09", "产品质量")],
        [
            new ItemInput("01-01", "01", "企业年度报告公示信息的检查", ["企业", "农民专业合作社"], "一般", ["书面检查"], "信用监管处", "《企业信息公示暂行条例》第十四条", "区县"),
            new ItemInput("05-01", "05", "食品生产者生产条件的检查", ["企业", "个体工商户"], "重点", ["实地核查"], "食品生产处", "《中华人民共和国食品安全法》第一百一十条", "区县"),
            new ItemInput("09-01", "09", "生产领域产品质量监督抽查", ["企业"], "重点", ["委托检验检测/审计"], "产品质量安全监督管理处", "《中华人民共和国产品质量法》第十五条", "市级统筹"),
        ]);

    /// <summary>A food production task over the whole city, one ratio per risk class: ceil(1% × N_h) = 1 in each of A–D.</summary>
    public static TaskInput FoodTask(string code = "T01", string ratio = "1/100") => new(
        code, "食品生产企业监督检查", ["05-01"], null, "RiskClass",
        [new StratumInput("A", ratio, null), new StratumInput("B", ratio, null), new StratumInput("C", ratio, null), new StratumInput("D", ratio, "食品")],
        2, 20, true, "食品生产监督管理处", ["信用监管处"], "2021-04-01", "2021-11-05");

    /// <summary>An untargeted task over the items given, one stratum for the whole pool.</summary>
    public static TaskInput WholePoolTask(string code, string ratio, params string[] items) => new(
        code, "企业监督抽查" + code, items, null, "None", [new StratumInput("all", ratio, null)], 2, 50, false, "信用监管处", null, "2021-05-01", "2021-10-31");

    public static DraftPlan CityPlan(params TaskInput[] tasks) =>
        new(2021, Guiyang, "SPSC", "食品生产监督管理处", List, tasks.Length > 0 ? tasks : [FoodTask()]);

    public static DraftPlan NanmingPlan(params TaskInput[] tasks) =>
        new(2021, Nanming, "NM01", "南明区市场监督管理局", List, tasks.Length > 0 ? tasks : [WholePoolTask("T01", "1/20", "01-01")]);

    public static RevisePlan Revision(DraftPlan draft) => new(draft.DepartmentName, draft.ItemList, draft.Tasks);

    public static AdjustPlan Adjustment(string reason, DraftPlan draft) => new(reason, draft.DepartmentName, draft.ItemList, draft.Tasks);

    /// <summary>Resets the schema and loads the published list and the directory.</summary>
    public async Task SeedAsync()
    {
        await ResetAsync();
        Clock.Reset(Instant.FromUtc(2021, 3, 1, 9, 0));
        await SendAsync(s => s.Post.Json(ItemList()).ToUrl("/api/item-lists"), CityCreditOffice, HttpStatusCode.Created);
        await SendAsync(s => s.Post.Url("/api/item-lists/520100/2021%E7%89%88/publish"), CityCreditOffice, HttpStatusCode.OK);
        var rows = new List<string>();
        var serial = 0;
        void Add(string kind, string type, string jurisdiction, string risk, int count, string status = "存续")
        {
            for (var i = 0; i < count; i++)
            {
                var uscc = Uscc.Complete($"9{kind}{jurisdiction}{++serial:D8}").Value;
                rows.Add($"{uscc},示例{serial},{type},{jurisdiction},登记机关,示例路{serial}号,C1391,{risk},,{status}");
            }
        }

        Add("1", "企业", Nanming, "A", 20);
        Add("1", "企业", Nanming, "B", 20);
        Add("1", "企业", Nanming, "C", 10);
        Add("1", "企业", Nanming, "D", 10);
        Add("2", "个体工商户", Nanming, "A", 10);
        Add("1", "企业", Nanming, "A", 5, "注销");
        Add("1", "企业", Yunyan, "B", 40);
        var csv = string.Join('\n', [string.Join(',', EntityCsv.Columns.Select(c => c.Name)), .. rows]) + "\n";
        await SendAsync(
            s => s.Post.ByteArray(Encoding.UTF8.GetBytes(csv)).ToUrl("/api/entities/import").ContentType("text/csv"),
            Token(Role.Registrar, Guiyang, "registrar-guiyang"),
            HttpStatusCode.OK);
    }

    public Task<IScenarioResult> SendAsync(Action<Scenario> send, string token, HttpStatusCode status) =>
        Host.Scenario(s =>
        {
            send(s);
            s.As(token);
            s.StatusCodeShouldBe(status);
        });

    public Task<IScenarioResult> DraftAsync(DraftPlan draft, string token, HttpStatusCode status = HttpStatusCode.Created) =>
        SendAsync(s => s.Post.Json(draft).ToUrl("/api/plans"), token, status);

    public Task<IScenarioResult> FileAsync(string planId, HttpStatusCode status = HttpStatusCode.OK) =>
        SendAsync(s => s.Post.Url($"/api/plans/{planId}/filing"), planId.Contains(Nanming, StringComparison.Ordinal) ? NanmingBureau : FoodDivision, status);

    public Task<IScenarioResult> AcknowledgeAsync(string planId, HttpStatusCode status = HttpStatusCode.OK) =>
        SendAsync(s => s.Post.Url($"/api/plans/{planId}/filing/acknowledgement"), CityCreditOffice, status);

    public async Task<PlanView?> ViewAsync(string planId)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<PlanView>(planId);
    }

    public async Task<IReadOnlyList<object>> EventsAsync(string planId)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await session.Events.FetchStreamAsync(StreamKeys.Plan(planId))).Select(e => e.Data)];
    }

    /// <summary>Stores the draw view of a task as the draws would project it (the draws are built separately).</summary>
    public async Task StoreDrawAsync(string taskId, DrawState state, params StratumOutcome[] strata)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var (plan, _) = PlanId.ParseTask(taskId);
        session.Store(new TaskDrawView
        {
            Id = taskId,
            PlanId = plan.ToString(),
            Jurisdiction = plan.Jurisdiction.Value,
            Year = plan.Year,
            Round = 1,
            State = state,
            Strata = strata,
        });
        await session.SaveChangesAsync();
    }

    public async Task<PlannedTask> PlannedTaskAsync(string taskId)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await PlanReads.PlannedTaskAsync(session, taskId);
    }
}

[CollectionDefinition(nameof(PlanCollection))]
public sealed class PlanCollection : ICollectionFixture<PlanHost>;
