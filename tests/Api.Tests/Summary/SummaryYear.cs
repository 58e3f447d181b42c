using System.Net;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using NodaTime;

namespace FairDraw.Api.Tests.Summary;

/// <summary>
/// A city's 2021, built through the API on the draws host's Given side (the city's food plan SPSC, item 05-01): 南明区's
/// plan NM01 (01-01) and 云岩区's plan YY01 (01-01 and 05-01), every task drawn to its assignments; at the city a
/// substitution and a reassignment, three results (one published on time, one late, one exempted) and two follow-ups
/// (one closed); at 南明区 two results (one published on time); 云岩区's round set aside and redrawn (not executed yet).
/// </summary>
public static class SummaryYear
{
    public const string Nanming = "520102";
    public const string Yunyan = "520103";

    /// <summary>The district bureaus' department: 01-01's responsible department and the district tasks' lead.</summary>
    public const string CreditDepartment = "信用监管处";

    /// <summary>Beijing Friday 2022-07-29: after the 2022-06-28 inspections' deadline (2022-07-26).</summary>
    public static readonly Instant Late = Instant.FromUtc(2022, 7, 29, 2, 0);

    public static string NanmingBureau(LedgerHost host) => host.Token(Role.DistrictBureau, Nanming, "nanming-bureau", CreditDepartment);

    public static string YunyanBureau(LedgerHost host) => host.Token(Role.DistrictBureau, Yunyan, "yunyan-bureau", CreditDepartment);

    public static async Task BuildAsync(DrawHost host)
    {
        await host.SeedAsync();
        var nanming = await FiledAsync(host, new DraftPlan(
            2021, Nanming, "NM01", "南明区市场监督管理局", PlanHost.List, [PlanHost.WholePoolTask("T01", "1/20", "01-01")]), NanmingBureau(host));
        var yunyan = await FiledAsync(host, new DraftPlan(
            2021, Yunyan, "YY01", "云岩区市场监督管理局", PlanHost.List, [PlanHost.WholePoolTask("T01", "1/20", "01-01", "05-01")]),
            YunyanBureau(host));
        await host.DrawUntilAsync(DrawHost.TaskId, host.FoodDivision, "end");
        await host.DrawUntilAsync(nanming, NanmingBureau(host), "end");
        await host.DrawUntilAsync(yunyan, YunyanBureau(host), "end");
        await AdjustAsync(host);
        await host.SetAsideAndRedrawAsync(yunyan, 1, YunyanBureau(host));

        host.Clock.Reset(ResultRequests.AfterTheDraw);
        var city = await RecordedAsync(host, DrawHost.TaskId, ResultRequests.Item, "实地核查", 3, host.FoodDivision);
        await host.PostAsync(ResultUrl(DrawHost.TaskId, city[0], ResultRequests.Item, "publication"), null, host.FoodDivision);
        await host.PostAsync(
            ResultUrl(DrawHost.TaskId, city[2], ResultRequests.Item, "exemption"),
            new FileExemption("TradeSecret", "配方 / recipe"),
            host.FoodDivision);
        await host.PostAsync(
            ResultUrl(DrawHost.TaskId, city[2], ResultRequests.Item, "exemption/acknowledgement"),
            null,
            host.Token(Role.CreditOffice, "520100", "credit-guiyang"));
        var followUps = ResultUrl(DrawHost.TaskId, city[0], ResultRequests.Item, "follow-ups");
        await host.PostAsync(
            followUps, new OpenFollowUp("CaseReferral", null, "涉嫌违法 / suspected breach", "2022-06-30"), host.FoodDivision, HttpStatusCode.Created);
        await host.PostAsync(
            $"{followUps}/CaseReferral/hand-over", new HandOverFollowUp("执法稽查处", "筑市监稽〔2022〕7号", "2022-07-01"), host.FoodDivision);
        await host.PostAsync($"{followUps}/CaseReferral/closure", new CloseFollowUp("已立案 / case opened", "2022-07-01"), host.FoodDivision);
        await host.PostAsync(
            ResultUrl(DrawHost.TaskId, city[1], ResultRequests.Item, "follow-ups"),
            new OpenFollowUp("JudicialReferral", null, "涉嫌犯罪 / suspected crime", "2022-06-30"),
            host.FoodDivision, HttpStatusCode.Created);

        var district = await RecordedAsync(host, nanming, "01-01", "书面检查", 2, NanmingBureau(host));
        await host.PostAsync(ResultUrl(nanming, district[0], "01-01", "publication"), null, NanmingBureau(host));

        host.Clock.Reset(Late);
        await host.PostAsync(ResultUrl(DrawHost.TaskId, city[1], ResultRequests.Item, "publication"), null, host.FoodDivision);
    }

    private static async Task<string> FiledAsync(DrawHost host, DraftPlan plan, string token)
    {
        var planId = $"{plan.Year}-{plan.Jurisdiction}-{plan.Department}";
        await host.PostAsync("/api/plans", plan, token, HttpStatusCode.Created);
        await host.PostAsync($"/api/plans/{planId}/filing", null, token);
        return $"{planId}-T01";
    }

    /// <summary>The food division substitutes the city task's last selected object and reassigns an inspector, countersigned.</summary>
    private static async Task AdjustAsync(DrawHost host)
    {
        var drawn = await host.CurrentRoundAsync();
        var gone = drawn.Execution!.Selected[^1].EntityId;
        await host.AdjustAsync(
            DrawHost.TaskId,
            "substitutions",
            new SubstituteEntity(gone, "经营场所无法联系 / unreachable", "现场核查记录"),
            host.FoodDivision,
            host.CreditOfficeApproval());
        var walk = drawn.Assignment!.Assignments
            .First(w => w.EntityId != gone && w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var removed = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        await host.AdjustAsync(
            DrawHost.TaskId, "reassignments", new ReassignInspector(walk.EntityId, removed, "unavailable", null, "检查员长期病假", "病假证明"),
            host.FoodDivision, host.CreditOfficeApproval());
    }

    /// <summary>Records <paramref name="count"/> results of the task's item, each by an object's first inspector; approves them.</summary>
    private static async Task<IReadOnlyList<string>> RecordedAsync(
        DrawHost host, string taskId, string item, string method, int count, string approver)
    {
        var round = (await host.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{taskId}/draw", host.FoodDivision))!.Current;
        var book = AssignmentBook.Of(round);
        var entities = round.Sample().Where(id => book.InspectorsOf(id).Count >= 2).Take(count).ToList();
        await host.UploadAsync(ResultRequests.EvidenceBytes, host.InspectorToken(book.InspectorsOf(entities[0])[0]));
        foreach (var entity in entities)
        {
            var inspectors = book.InspectorsOf(entity);
            await host.PostAsync(
                ResultRequests.Url(taskId),
                new RecordResult(entity, item, ResultRequests.Found(inspectors) with { Method = method }),
                host.InspectorToken(inspectors[0]),
                HttpStatusCode.Created);
            await host.PostAsync(ResultUrl(taskId, entity, item, "approval"), null, approver);
        }

        return entities;
    }

    private static string ResultUrl(string taskId, string entity, string item, string step) =>
        $"{ResultRequests.Url(taskId)}/{entity}/{item}/{step}";
}
