using System.Net;
using FairDraw.Api.Draws;
using FairDraw.Api.LedgerIntegrity;
using FairDraw.Api.Tests.Inspectors;
using FairDraw.Api.Tests.Items;
using FairDraw.Api.Tests.Support;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Integrity;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Access;

/// <summary>
/// Every write endpoint, with a request the allowed actor can make against the seeded data: an entity and an inspector
/// in 南明区 (520102) and a draft 2021 item list of Guiyang (520100). The plan cases publish the list first, and draft
/// (and file) 南明区's annual plan as their state needs.
/// </summary>
public static class WriteCases
{
    public static readonly string Entity = Uscc.Complete("91520102MA6ACC01").Value;
    public static readonly string NewEntity = Uscc.Complete("91520102MA6ACC02").Value;
    public const string Inspector = InspectorRequests.StaffId;
    private const string SecondInspector = "GY520102-0002";
    private const string List = "/api/item-lists/520100/2021%E7%89%88";
    private const string Plan = "/api/plans/2021-520102-NM01";
    private const string DrawTask = "2021-520102-NM01-T01";

    /// <summary>The lead department of <see cref="DrawTask"/>, whose results (item 01-01's) 南明区's officials act on.</summary>
    private const string TaskDepartment = "信用监管处";
    private static readonly string FollowUps = $"/api/tasks/{DrawTask}/results/{Entity}/01-01/follow-ups";
    private static readonly string StatusOffer = $"/api/registrar/status-offers/{DrawTask}/{Entity}/01-01";
    private static string sampledEntity = "";
    private static string logKey = "";
    private const string PartySecret = "6175646974206f6666696365207365637265742031";
    private static readonly (Role, string) NanmingRegistrar = (Role.Registrar, "520102");
    private static readonly (Role, string) NanmingPersonnel = (Role.Personnel, "520102");
    private static readonly (Role, string) CityCreditOffice = (Role.CreditOffice, "520100");
    private static readonly (Role, string) NanmingBureau = (Role.DistrictBureau, "520102");

    /// <summary>南明区's credit supervision office, which countersigns its draw adjustments.</summary>
    private static string NanmingCreditOffice(AccessHost host) => host.Token(Role.CreditOffice, "520102", "nanming-credit-office");

    /// <summary>南明区's plan: one task over the annual report item; ceil(1/10 × 1) = 1 reaches 3% of its one enterprise.</summary>
    public static DraftPlan NanmingPlan(string ratio = "1/10") => new(
        2021, "520102", "NM01", "南明区市场监督管理局", new ItemListReference("520100", "2021版"),
        [new TaskInput("T01", "企业年报公示信息抽查", ["01-01"], null, "None", [new StratumInput("all", ratio, null)], 2, 10, false, TaskDepartment, null, "2021-05-01", "2021-10-31")]);

    private static AdjustPlan Adjustment() =>
        new("增加抽查比例 / raise the ratio", NanmingPlan().DepartmentName, NanmingPlan().ItemList, NanmingPlan("1/5").Tasks);

    public static EntityInput EntityIn520102(string uscc) =>
        new(uscc, "南明示例商行有限公司", "企业", "520102", "南明区市场监督管理局", "示例路2号", "F5211", "B", [], null);

    /// <summary>The evidence file <see cref="Inspection"/> references, uploaded by <see cref="DrawForResults"/>.</summary>
    public static readonly byte[] Evidence = "年报核查记录 / annual report check record"u8.ToArray();

    public static readonly string EvidenceSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Evidence));

    public static readonly IReadOnlyList<WriteCase> All =
    [
        new("POST", "/api/entities", "/api/entities", EntityIn520102(NewEntity), NanmingRegistrar, Role.Personnel, "520103"),
        new("PUT", "/api/entities/{uscc}/details", $"/api/entities/{Entity}/details", new UpdateEntityDetails("新名称", "", "F5211", "C", []), NanmingRegistrar, Role.DistrictBureau, "520103"),
        new("POST", "/api/entities/{uscc}/status", $"/api/entities/{Entity}/status", new ChangeEntityStatus("注销", "注销登记"), NanmingRegistrar, Role.Auditor, "520103"),
        new("POST", "/api/entities/import", "/api/entities/import", new CsvBody(
            "uscc,name,type,jurisdiction,registrationAuthority,address,industry,riskClass\n" +
            $"{NewEntity},南明示例商行有限公司,企业,520102,南明区市场监督管理局,示例路2号,F5211,B\n"), NanmingRegistrar, Role.CreditOffice, "520103"),

        new("POST", "/api/inspectors", "/api/inspectors", InspectorRequests.Staff("GY520102-0002"), NanmingPersonnel, Role.Registrar, "520103"),
        new("PUT", "/api/inspectors/{id}/certificate", $"/api/inspectors/{Inspector}/certificate", new CertificateInput("52010200009", "2025-01-01", "2030-12-31"), NanmingPersonnel, Role.Inspector, "520103"),
        new("PUT", "/api/inspectors/{id}/qualifications", $"/api/inspectors/{Inspector}/qualifications", new UpdateQualifications(["行政执法资格"], ["计量"]), NanmingPersonnel, Role.Auditor, "520103"),
        new("POST", "/api/inspectors/{id}/transfer", $"/api/inspectors/{Inspector}/transfer", new TransferInspector("南明区市场监督管理局花果园市场监管所", "520102"), NanmingPersonnel, Role.DistrictBureau, "520103"),
        new("POST", "/api/inspectors/{id}/suspend", $"/api/inspectors/{Inspector}/suspend", new SuspendInspector("停职审查"), NanmingPersonnel, Role.Registrar, "520103"),
        new("POST", "/api/inspectors/{id}/reinstate", $"/api/inspectors/{Inspector}/reinstate", null, NanmingPersonnel, Role.Registrar, "520103", Suspend),
        new("POST", "/api/inspectors/{id}/retire", $"/api/inspectors/{Inspector}/retire", null, NanmingPersonnel, Role.CreditOffice, "520103"),
        new("POST", "/api/inspectors/{id}/conflicts", $"/api/inspectors/{Inspector}/conflicts", new DeclareConflictOfInterest(Entity, "近亲属任职"), NanmingPersonnel, Role.Auditor, "520103"),
        new("DELETE", "/api/inspectors/{id}/conflicts/{uscc}", $"/api/inspectors/{Inspector}/conflicts/{Entity}", null, NanmingPersonnel, Role.Inspector, "520103", DeclareConflict),

        new("POST", "/api/item-lists", "/api/item-lists", ItemListHost.SmallDraft() with { Version = "2022版" }, CityCreditOffice, Role.BusinessDivision, "520103"),
        new("POST", "/api/item-lists/import", "/api/item-lists/import?jurisdiction=520100&version=2022%E7%89%88&title=2022", new CsvBody(
            "categoryCode,categoryName,code,name,objectTypes,kind,methods,responsibleDepartment,legalBasis,level\n" +
            "01,企业公示信息,01-01,企业年度报告公示信息的检查,企业,一般,书面检查,信用监管处,《企业信息公示暂行条例》第十四条,区县\n"), CityCreditOffice, Role.Registrar, "520103"),
        new("POST", "/api/item-lists/{jurisdiction}/{version}/publish", $"{List}/publish", null, CityCreditOffice, Role.Auditor, "520103"),
        new("POST", "/api/item-lists/{jurisdiction}/{version}/items", $"{List}/items",
            new ItemInput("01-02", "01", "企业即时公示信息的检查", ["企业"], "一般", ["书面检查"], "信用监管处", "《企业信息公示暂行条例》第十条", "区县"), CityCreditOffice, Role.DistrictBureau, "520103"),
        new("PUT", "/api/item-lists/{jurisdiction}/{version}/items/{code}", $"{List}/items/01-01",
            ItemListHost.SmallDraft().Items![0] with { Name = "企业年度报告公示信息的抽查" }, CityCreditOffice, Role.Personnel, "520103"),
        new("POST", "/api/item-lists/{jurisdiction}/{version}/items/{code}/retire", $"{List}/items/01-01/retire", new RetireInspectionItem("省级清单调整"), CityCreditOffice, Role.Investigator, "520103"),

        new("POST", "/api/plans", "/api/plans", NanmingPlan(), NanmingBureau, Role.CreditOffice, "520103", PublishList),
        new("PUT", "/api/plans/{planId}", Plan, new RevisePlan(NanmingPlan().DepartmentName, NanmingPlan().ItemList, NanmingPlan("1/5").Tasks), NanmingBureau, Role.Registrar, "520103", DraftPlan),
        new("POST", "/api/plans/{planId}/filing", $"{Plan}/filing", null, NanmingBureau, Role.CreditOffice, "520103", DraftPlan),
        new("POST", "/api/plans/{planId}/filing/acknowledgement", $"{Plan}/filing/acknowledgement", null, CityCreditOffice, Role.BusinessDivision, "520103", FilePlan),
        new("POST", "/api/plans/{planId}/adjustments", $"{Plan}/adjustments", Adjustment(), NanmingBureau, Role.Auditor, "520103", FilePlan),

        new("POST", "/api/tasks/{taskId}/draw/pool", DrawRequests.Url(DrawTask, "pool"), new FreezePool(null), NanmingBureau, Role.Registrar, "520103", FilePlan),
        new("POST", "/api/tasks/{taskId}/draw/commitment", DrawRequests.Url(DrawTask, "commitment"), DrawRequests.Commitment(), NanmingBureau, Role.Auditor, "520103", DrawUntil("commitment")),
        new("POST", "/api/tasks/{taskId}/draw/commitment/publication", DrawRequests.Url(DrawTask, "commitment/publication"), DrawRequests.Notice, NanmingBureau, Role.CreditOffice, "520103", DrawUntil("commitment/publication")),
        new("POST", "/api/tasks/{taskId}/draw/party-secrets", DrawRequests.Url(DrawTask, "party-secrets"), new RevealPartySecret(0, PartySecret), NanmingBureau, Role.Inspector, "520103", CommitWithPartySecret),
        new("POST", "/api/tasks/{taskId}/draw/randomness", DrawRequests.Url(DrawTask, "randomness"), DrawRequests.Values, NanmingBureau, Role.Investigator, "520103", async host =>
        {
            await DrawUntil("randomness")(host);
            host.Clock.Reset(DrawRequests.SourcesResolved);
        }),
        new("POST", "/api/tasks/{taskId}/draw/randomness/confirmation", DrawRequests.Url(DrawTask, "randomness/confirmation"), DrawRequests.Confirmation,
            (Role.CreditOffice, "520102"), Role.BusinessDivision, "520103", DrawUntil("randomness/confirmation")),
        new("POST", "/api/tasks/{taskId}/draw/rounds/{round}/lapsed-values", DrawRequests.Url(DrawTask, "rounds/1/lapsed-values"), DrawRequests.Values,
            (Role.CreditOffice, "520102"), Role.DistrictBureau, "520103", async host =>
            {
                await DrawUntil("randomness")(host);
                host.Clock.Reset(DrawRequests.SourcesResolved + DrawDecisions.SourceGrace); // past LapsesAt: the round lapsed
            }),
        new("POST", "/api/tasks/{taskId}/draw/execution", DrawRequests.Url(DrawTask, "execution"), null, NanmingBureau, Role.Personnel, "520103", DrawUntil("execution")),
        new("POST", "/api/tasks/{taskId}/draw/assignments", DrawRequests.Url(DrawTask, "assignments"), null, NanmingBureau, Role.Registrar, "520103", DrawUntil("assignments")),
        new("POST", "/api/tasks/{taskId}/draw/substitutions", DrawRequests.Url(DrawTask, "substitutions"),
            new DeferredBody(() => new SubstituteEntity(sampledEntity, "企业已注销 / deregistered", "注销登记通知书")), NanmingBureau, Role.Auditor, "520103", DrawTwoEntities, NanmingCreditOffice),
        new("POST", "/api/tasks/{taskId}/draw/reassignments", DrawRequests.Url(DrawTask, "reassignments"),
            new ReassignInspector(Entity, Inspector, "recused", null, "检查员申请回避", "回避申请表"), NanmingBureau, Role.Investigator, "520103", DrawUntil("end"), NanmingCreditOffice),
        new("POST", "/api/tasks/{taskId}/draw/set-aside", DrawRequests.Url(DrawTask, "set-aside"), DrawRequests.SetAside, NanmingBureau, Role.Auditor, "520103",
            DrawUntil("end"), NanmingCreditOffice),

        new("POST", "/api/tasks/{taskId}/results", $"/api/tasks/{DrawTask}/results", new RecordResult(Entity, "01-01", Inspection()),
            (Role.Inspector, "520102"), Role.DistrictBureau, "520103", DrawForResults, User: Inspector),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/corrections", $"/api/tasks/{DrawTask}/results/{Entity}/01-01/corrections",
            new CorrectResult(Inspection() with { Outcome = "未发现问题" }, "误录 / entered wrongly"), (Role.Inspector, "520102"), Role.CreditOffice, "520103",
            RecordForCorrection, User: Inspector),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/approval", $"/api/tasks/{DrawTask}/results/{Entity}/01-01/approval", null,
            NanmingBureau, Role.Inspector, "520103", RecordForCorrection, Department: TaskDepartment),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/return", $"/api/tasks/{DrawTask}/results/{Entity}/01-01/return",
            new ReturnResult("检查方式与记录不符 / the method does not match the record"), NanmingBureau, Role.CreditOffice, "520103", RecordForCorrection,
            Department: TaskDepartment),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/publication", $"/api/tasks/{DrawTask}/results/{Entity}/01-01/publication", null,
            NanmingBureau, Role.Auditor, "520103", ApproveForPublication, Department: TaskDepartment),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/follow-ups", $"{FollowUps}",
            new OpenFollowUp("当场责令改正", null, "责令当场更正年报 / corrected on the spot", "2022-06-29"), NanmingBureau, Role.Inspector, "520103",
            ApproveForPublication, Department: TaskDepartment),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/follow-ups/{kind}/hand-over", $"{FollowUps}/TransferToAuthority/hand-over",
            new HandOverFollowUp("贵阳市税务局", "筑市监移〔2022〕1号", "2022-06-30"), NanmingBureau, Role.Registrar, "520103", OpenTransfer, Department: TaskDepartment),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/follow-ups/{kind}/closure", $"{FollowUps}/CorrectedOnSpot/closure",
            new CloseFollowUp("已更正 / corrected", "2022-07-01"), NanmingBureau, Role.CreditOffice, "520103", OpenCorrection, Department: TaskDepartment),
        new("POST", "/api/registrar/status-offers/{taskId}/{entityId}/{itemCode}/acceptance", $"{StatusOffer}/acceptance", null,
            NanmingRegistrar, Role.DistrictBureau, "520103", ApproveDeregistration),
        new("POST", "/api/registrar/status-offers/{taskId}/{entityId}/{itemCode}/dismissal", $"{StatusOffer}/dismissal",
            new DismissStatusOffer("已重新开业 / trading again"), NanmingRegistrar, Role.Auditor, "520103", ApproveDeregistration),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/exemption", $"/api/tasks/{DrawTask}/results/{Entity}/01-01/exemption",
            new FileExemption("涉及商业秘密", "年报含未公开的配方 / the report holds an undisclosed formula"), NanmingBureau, Role.CreditOffice, "520103",
            ApproveForPublication, Department: TaskDepartment),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/exemption/acknowledgement",
            $"/api/tasks/{DrawTask}/results/{Entity}/01-01/exemption/acknowledgement", null, (Role.CreditOffice, "520102"), Role.DistrictBureau, "520103",
            FileForExemption),
        new("POST", "/api/tasks/{taskId}/results/{entityId}/{itemCode}/exemption/decline", $"/api/tasks/{DrawTask}/results/{Entity}/01-01/exemption/decline",
            new DeclineExemption("不属于商业秘密 / not a trade secret"), (Role.CreditOffice, "520102"), Role.BusinessDivision, "520103", FileForExemption),

        new("POST", "/api/attachments", "/api/attachments", new RawBody(Evidence, "application/octet-stream"), (Role.Inspector, "520102"), Role.Registrar, null),

        new("POST", "/api/ledger/checkpoint", "/api/ledger/checkpoint", null, (Role.Auditor, "520100"), Role.Registrar, null),
        new("POST", "/api/ledger/verify", "/api/ledger/verify", new DeferredBody(() => new VerifyLedgerRequest(logKey, [])), (Role.Auditor, "520100"), Role.Registrar, null,
            host =>
            {
                logKey = host.Host.Services.GetRequiredService<CheckpointSigner>().PublicKeyText();
                return Task.CompletedTask;
            }),
    ];

    /// <summary>Every case's endpoint, for a theory over all writes.</summary>
    public static TheoryData<string> Endpoints => [.. All.Select(c => c.Endpoint)];

    /// <summary>The case of <paramref name="endpoint"/>, with the state it needs prepared (beyond <see cref="SeedAsync"/>).</summary>
    public static async Task<WriteCase> PreparedAsync(AccessHost host, string endpoint)
    {
        var write = All.Single(c => c.Endpoint == endpoint);
        if (write.Prepare is not null)
        {
            await write.Prepare(host);
        }

        return write;
    }

    /// <summary>Seeds the data every case works on, as the actors who may write it.</summary>
    public static async Task SeedAsync(AccessHost host)
    {
        await host.SendAsync("POST", "/api/entities", EntityIn520102(Entity), host.Token(Role.Registrar, "520102"), HttpStatusCode.Created);
        await host.SendAsync("POST", "/api/inspectors", InspectorRequests.Staff(), host.Token(Role.Personnel, "520102"), HttpStatusCode.Created);
        await host.SendAsync("POST", "/api/item-lists", ItemListHost.SmallDraft(), host.Token(Role.CreditOffice, "520100"), HttpStatusCode.Created);
    }

    private static Task Suspend(AccessHost host) =>
        host.SendAsync("POST", $"/api/inspectors/{Inspector}/suspend", new SuspendInspector("停职审查"), host.Token(Role.Personnel, "520102"), HttpStatusCode.OK);

    private static Task DeclareConflict(AccessHost host) =>
        host.SendAsync("POST", $"/api/inspectors/{Inspector}/conflicts", new DeclareConflictOfInterest(Entity, "近亲属任职"), host.Token(Role.Personnel, "520102"), HttpStatusCode.OK);

    private static Task PublishList(AccessHost host) =>
        host.SendAsync("POST", $"{List}/publish", null, host.Token(Role.CreditOffice, "520100"), HttpStatusCode.OK);

    private static async Task DraftPlan(AccessHost host)
    {
        await PublishList(host);
        await host.SendAsync("POST", "/api/plans", NanmingPlan(), host.Token(Role.DistrictBureau, "520102"), HttpStatusCode.Created);
    }

    private static Func<AccessHost, Task> DrawUntil(string step) => async host =>
    {
        await FilePlan(host);
        // Drawn by a user of its own, so that the matrix's actor ("tester") is not the recorder its confirmation must differ from.
        await host.DrawUntilAsync(DrawTask, host.Token(Role.DistrictBureau, "520102", "nanming-bureau"), step);
    };

    /// <summary>A draw over two entities of which one is sampled (the other is left for the substitution).</summary>
    private static async Task DrawTwoEntities(AccessHost host)
    {
        await host.SendAsync("POST", "/api/entities", EntityIn520102(NewEntity), host.Token(Role.Registrar, "520102"), HttpStatusCode.Created);
        await DrawUntil("end")(host);
        var draw = await host.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawTask}/draw", host.Token(Role.Auditor, "520100"));
        sampledEntity = draw!.Current.Sample().Single();
    }

    /// <summary>A commitment with one party secret (the discipline office's), ready for its reveal.</summary>
    private static async Task CommitWithPartySecret(AccessHost host)
    {
        await FilePlan(host);
        var bureau = host.Token(Role.DistrictBureau, "520102");
        await host.DrawUntilAsync(DrawTask, bureau, "commitment");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(PartySecret)));
        await host.StepAsync(DrawTask, "commitment", DrawRequests.Commitment() with { PartyCommitments = [hash] }, bureau);
    }

    /// <summary>An inspection of the annual report item by the two inspectors assigned to the sampled entity.</summary>
    private static ResultInput Inspection() =>
        new("书面检查", "2022-06-28", [Inspector, SecondInspector], "发现问题已责令改正", null, "年报资产数据填报有误，已责令改正",
            [new AttachmentInput(EvidenceSha256, Evidence.Length)]);

    /// <summary>A draw whose one sampled entity has two inspectors of different units, the clock a few days after it.</summary>
    private static async Task DrawForResults(AccessHost host)
    {
        await host.SendAsync("POST", "/api/inspectors", InspectorRequests.Staff(SecondInspector) with { Unit = "南明区市场监督管理局花果园市场监管所" },
            host.Token(Role.Personnel, "520102"), HttpStatusCode.Created);
        await DrawUntil("end")(host);
        host.Clock.Reset(ResultRequests.AfterTheDraw);
        await host.SendAsync("POST", "/api/attachments", new RawBody(Evidence, "application/octet-stream"),
            host.Token(Role.Inspector, "520102", Inspector), HttpStatusCode.OK);
    }

    private static async Task RecordForCorrection(AccessHost host)
    {
        await DrawForResults(host);
        await host.SendAsync("POST", $"/api/tasks/{DrawTask}/results", new RecordResult(Entity, "01-01", Inspection()),
            host.Token(Role.Inspector, "520102", Inspector), HttpStatusCode.Created);
    }

    private static Task ApproveForPublication(AccessHost host) => RecordApproved(host, Inspection());

    private static async Task OpenCorrection(AccessHost host)
    {
        await ApproveForPublication(host);
        await host.SendAsync("POST", FollowUps, new OpenFollowUp("CorrectedOnSpot", null, "当场更正", "2022-06-29"), Official(host),
            HttpStatusCode.Created);
    }

    /// <summary>An approved result that breaches another department's rules, transferred to that authority.</summary>
    private static async Task OpenTransfer(AccessHost host)
    {
        await RecordApproved(host, Inspection() with { Outcome = "发现问题待后续处理", SubReason = "违反其他部门规定" });
        await host.SendAsync("POST", FollowUps, new OpenFollowUp("TransferToAuthority", "贵阳市税务局", "涉税问题", "2022-06-29"),
            Official(host), HttpStatusCode.Created);
    }

    private static Task ApproveDeregistration(AccessHost host) => RecordApproved(host, Inspection() with { Outcome = "注销" });

    private static async Task RecordApproved(AccessHost host, ResultInput inspection)
    {
        await DrawForResults(host);
        await host.SendAsync("POST", $"/api/tasks/{DrawTask}/results", new RecordResult(Entity, "01-01", inspection),
            host.Token(Role.Inspector, "520102", Inspector), HttpStatusCode.Created);
        await host.SendAsync("POST", $"/api/tasks/{DrawTask}/results/{Entity}/01-01/approval", null, Official(host), HttpStatusCode.OK);
    }

    /// <summary>南明区's official of the task's department, who approves and follows up its results.</summary>
    private static string Official(AccessHost host) => host.Token(Role.DistrictBureau, "520102", department: TaskDepartment);

    private static async Task FileForExemption(AccessHost host)
    {
        await ApproveForPublication(host);
        await host.SendAsync("POST", $"/api/tasks/{DrawTask}/results/{Entity}/01-01/exemption", new FileExemption("TradeSecret", "配方 / formula"),
            Official(host), HttpStatusCode.OK);
    }

    private static async Task FilePlan(AccessHost host)
    {
        await DraftPlan(host);
        await host.SendAsync("POST", $"{Plan}/filing", null, host.Token(Role.DistrictBureau, "520102"), HttpStatusCode.OK);
    }

    private static async Task SendAsync(this AccessHost host, string method, string url, object? body, string token, HttpStatusCode status) =>
        await host.Host.Scenario(s =>
        {
            new WriteCase(method, url, url, body, default, default, "").Send(s, host);
            s.As(token);
            s.StatusCodeShouldBe(status);
        });
}
