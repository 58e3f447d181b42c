using System.Net;
using System.Text;
using FairDraw.Api.Entities;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Inspectors;
using NodaTime;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// The draws collection's host (its Merkle log is integrated only when a test says so) and its Given side: Guiyang's
/// published list, 160 existing enterprises in 南明区 and 云岩区 across the four risk classes, twelve inspectors in four
/// units (three of them food specialists, one suspended) and the food division's filed 2021 plan with one task. Other
/// collections use it in a schema of their own, with settings of their own.
/// </summary>
public class DrawHost : LedgerHost
{
    public const string PlanId = "2021-520100-SPSC";
    public const string TaskId = PlanId + "-T01";

    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <summary>
    /// The draws and results collections' host. Their tests read the public draw reads anonymously from one caller (the
    /// test server has no address), more than the default 30 a minute in a fast run, so the limit is out of their way
    /// here; it is tested on the public collection's host (<see cref="Public.PublicPageHost.PermitLimit"/>).
    /// </summary>
    public DrawHost()
        : this("test_draws", new Dictionary<string, string> { ["Ledger:HeavyReads:PermitLimit"] = "100000" })
    {
    }

    internal DrawHost(string schema, IReadOnlyDictionary<string, string> settings)
        : base(schema) => _settings = settings;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(_settings)
    {
        ["Ledger:IntegrateInBackground"] = "false",
    };

    /// <summary>The lead department of the plan's task, whose results (item 05-01's) its officials act on.</summary>
    public const string FoodDepartment = "食品生产监督管理处";

    public string FoodDivision => Token(Role.BusinessDivision, "520100", "food-division", FoodDepartment);

    public IReadOnlyList<string> Entities { get; private set; } = [];

    public async Task SeedAsync()
    {
        await ResetAsync();
        Clock.Reset(Instant.FromUtc(2021, 3, 1, 9, 0));
        var credit = Token(Role.CreditOffice, "520100", "credit-guiyang");
        await this.PostAsync("/api/item-lists", PlanHost.ItemList(), credit, HttpStatusCode.Created);
        await this.PostAsync("/api/item-lists/520100/2021%E7%89%88/publish", null, credit);

        var rows = new List<string>();
        string[] risks = ["A", "A", "B", "B", "B", "C", "C", "D"];
        for (var i = 0; i < 160; i++)
        {
            var district = i % 2 == 0 ? "520102" : "520103";
            var uscc = Uscc.Complete($"91{district}{i + 1:D8}").Value;
            rows.Add($"{uscc},示例食品{i},企业,{district},登记机关,示例路{i}号,C1391,{risks[i % risks.Length]},,存续");
        }

        Entities = [.. rows.Select(row => row.Split(',')[0])];
        var csv = string.Join('\n', [string.Join(',', EntityCsv.Columns.Select(c => c.Name)), .. rows]) + "\n";
        await Host.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes(csv)).ToUrl("/api/entities/import").ContentType("text/csv");
            s.As(Token(Role.Registrar, "520100", "registrar"));
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });

        var personnel = Token(Role.Personnel, "520100", "personnel");
        string[] units = ["南明区局执法一队", "南明区局执法二队", "云岩区局执法一队", "云岩区局执法二队"];
        for (var i = 0; i < 12; i++)
        {
            var id = $"GY520100-{i + 1:D4}";
            IReadOnlyList<string> expertise = i % 4 == 0 ? ["食品"] : ["特种设备"];
            await this.PostAsync(
                "/api/inspectors",
                new InspectorInput(id, $"检查员{i}", "执法人员", null, units[i % units.Length], i % 2 == 0 ? "520102" : "520103",
                    new CertificateInput($"5201000{i:D4}", "2020-01-01", "2025-12-31"), ["行政执法资格"], expertise),
                personnel,
                HttpStatusCode.Created);
        }

        await this.PostAsync("/api/inspectors/GY520100-0012/suspend", new SuspendInspector("长期病假"), personnel);
        await this.PostAsync("/api/plans", PlanHost.CityPlan(PlanHost.FoodTask("T01", "1/10")), FoodDivision, HttpStatusCode.Created);
        await this.PostAsync($"/api/plans/{PlanId}/filing", null, FoodDivision);
    }
}

[CollectionDefinition(nameof(DrawCollection))]
public sealed class DrawCollection : ICollectionFixture<DrawHost>;
