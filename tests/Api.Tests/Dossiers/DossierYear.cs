using System.Net;
using FairDraw.Api.Draws;
using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace FairDraw.Api.Tests.Dossiers;

/// <summary>
/// A year of the draws host's task through the API — plan, draw, a substitution and a reassignment, a result recorded,
/// approved and published, a case referral — then signed, with every event of the ledger read back typed, so that the
/// dossier tests can say which events each dossier must list without the SQL that lists them.
/// </summary>
public sealed record DossierYear(string Entity, string Recorder, string Approver, IReadOnlyList<IEvent> Events, long ResultSequence)
{
    /// <summary>Before the result (the draw and its adjustments ran earlier), after the draw.</summary>
    public static readonly Instant BeforeTheResults = ResultRequests.AfterTheDraw - Duration.FromSeconds(1);

    public static async Task<DossierYear> LiveAsync(DrawHost host)
    {
        await host.SeedAsync();
        await host.DrawUntilAsync(DrawHost.TaskId, host.FoodDivision, "end");
        var drawn = (await host.Host.GetAsJson<TaskDrawRead>($"/api/tasks/{DrawHost.TaskId}/draw", host.FoodDivision))!.Current;
        var gone = drawn.Execution!.Selected[^1].EntityId;
        var substitution = new SubstituteEntity(gone, "经营场所无法联系 / unreachable", "现场核查记录");
        await host.AdjustAsync(DrawHost.TaskId, "substitutions", substitution, host.FoodDivision, host.CreditOfficeApproval());
        var walk = drawn.Assignment!.Assignments
            .First(w => w.EntityId != gone && w.Candidates.Count(c => c.Decision == CandidateDecision.Assigned) == 2);
        var removed = walk.Candidates.First(c => c.Decision == CandidateDecision.Assigned).InspectorId;
        var reassignment = new ReassignInspector(walk.EntityId, removed, "unavailable", null, "检查员长期病假", "病假证明");
        await host.AdjustAsync(DrawHost.TaskId, "reassignments", reassignment, host.FoodDivision, host.CreditOfficeApproval());

        host.Clock.Reset(ResultRequests.AfterTheDraw);
        var round = await host.CurrentRoundAsync();
        var book = AssignmentBook.Of(round);
        var entity = round.Sample().First(id => id != walk.EntityId && book.InspectorsOf(id).Count == 2);
        var inspectors = book.InspectorsOf(entity);
        await host.UploadAsync(ResultRequests.EvidenceBytes, host.InspectorToken(inspectors[0]));
        await host.RecordAsync(host.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, ResultRequests.Found(inspectors)));
        await host.PostAsync(ResultRequests.ApprovalUrl(entity), null, host.FoodDivision);
        await host.PostAsync(ResultRequests.PublicationUrl(entity), null, host.FoodDivision);
        var referral = new OpenFollowUp("移交案件线索", null, "涉嫌无证经营 / unlicensed trading", "2022-07-01");
        await host.PostAsync(
            $"{ResultRequests.Url()}/{entity}/{ResultRequests.Item}/follow-ups", referral, host.FoodDivision, HttpStatusCode.Created);
        await host.PostAsync("/api/ledger/checkpoint", null, host.Token(Role.Auditor, "520000", "auditor"));

        await using var session = host.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = (await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync())
            .Where(e => e.Data is IAttributedEvent).ToList();
        var recorded = events.Single(e => e.Data is InspectionResultRecorded).Sequence;
        return new DossierYear(entity, inspectors[0], "credit-office", events, recorded);
    }

    /// <summary>What the entity dossier lists: its streams, the rounds and walks that name it, conflicts about it.</summary>
    public bool AboutEntity(IEvent e, string uscc) => e.StreamKey == StreamKeys.Entity(uscc)
        || e.StreamKey!.StartsWith(StreamKeys.ResultPrefix, StringComparison.Ordinal) && e.StreamKey.Contains($":{uscc}:", StringComparison.Ordinal)
        || e.StreamKey.StartsWith(StreamKeys.FollowUpPrefix, StringComparison.Ordinal) && e.StreamKey.Contains($":{uscc}:", StringComparison.Ordinal)
        || e.Data switch
        {
            PoolFrozen or DrawExecuted => uscc == Entity, // the one round's pool held the entity the tests ask about: it was drawn
            InspectorsAssigned assigned => assigned.Assignments.Any(a => a.EntityId == uscc),
            EntitySubstituted substituted => substituted.ReplacedId == uscc || substituted.ReplacementId == uscc,
            InspectorReassigned reassigned => reassigned.EntityId == uscc,
            _ => false,
        };

    public static bool AboutInspector(IEvent e, string id) => e.StreamKey == StreamKeys.Inspector(id) || e.Data switch
    {
        InspectorsAssigned assigned => assigned.Assignments.Any(a => a.Candidates.Any(c => c.InspectorId == id)),
        EntitySubstituted substituted => substituted.Assignment.Candidates.Any(c => c.InspectorId == id),
        InspectorReassigned reassigned => reassigned.RemovedInspectorId == id || reassigned.ReplacementInspectorId == id,
        InspectionResultRecorded recorded => recorded.RecordedBy == id || recorded.Content.Inspectors.Contains(id),
        InspectionResultCorrected corrected => corrected.CorrectedBy == id || corrected.Content.Inspectors.Contains(id),
        _ => false,
    };

    public static bool ByOfficial(IEvent e, string userId) =>
        ((IAttributedEvent)e.Data).Actor == userId || e.Data.GetType().GetProperty("ApprovedBy")?.GetValue(e.Data) as string == userId;

    public static bool OfTask(IEvent e, string taskId) =>
        e.StreamKey == StreamKeys.Plan(taskId[..taskId.LastIndexOf('-')]) || e.StreamKey == StreamKeys.Task(taskId)
        || e.StreamKey == StreamKeys.PoolCopy(taskId) || e.StreamKey!.StartsWith(StreamKeys.ResultsOf(taskId), StringComparison.Ordinal)
        || e.StreamKey.StartsWith($"{StreamKeys.FollowUpPrefix}{taskId}:", StringComparison.Ordinal)
        || e.StreamKey.StartsWith($"{StreamKeys.StatusOfferPrefix}{taskId}:", StringComparison.Ordinal);
}
