using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using FairDraw.Api.Access;
using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Inspectors;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Dossiers;
using FairDraw.Projections.Integrity;
using Wolverine.Http;

namespace FairDraw.Api.Dossiers;

/// <summary>
/// Investigators' dossiers (docs/ledger-integrity.md, "Dossiers"): every event about one entity, inspector, official or
/// task, in ledger order as of an instant or a ledger position, each with its receipt. Investigators and auditors only.
/// </summary>
public static partial class DossierEndpoints
{
    /// <summary>An entity's dossier: its directory events, pools, draws, results, follow-ups and conflicts about it.</summary>
    [WolverineGet("/api/dossiers/entities/{uscc}", Name = "EntityDossier")]
    public static Task<DossierPage> Entity(
        string uscc, string? asOf, long? asOfSequence, int? pageSize, string? after, ClaimsPrincipal user, DossierReader reader,
        LedgerProofs proofs, CheckpointSigner signer, CancellationToken cancellation) =>
        ReadAsync(user, "uscc", () => DossierSubject.Entity(Uscc.Parse(uscc).Value), new(asOf, asOfSequence, pageSize, after), reader,
            proofs, signer, cancellation);

    /// <summary>An inspector's dossier: its directory events, assignments, reassignments and the results it took part in.</summary>
    [WolverineGet("/api/dossiers/inspectors/{id}", Name = "InspectorDossier")]
    public static Task<DossierPage> Inspector(
        string id, string? asOf, long? asOfSequence, int? pageSize, string? after, ClaimsPrincipal user, DossierReader reader,
        LedgerProofs proofs, CheckpointSigner signer, CancellationToken cancellation) =>
        ReadAsync(user, "id", () => DossierSubject.Inspector(InspectorId.Parse(id)), new(asOf, asOfSequence, pageSize, after), reader,
            proofs, signer, cancellation);

    /// <summary>An official's dossier: every event they wrote or countersigned, across all streams.</summary>
    [WolverineGet("/api/dossiers/officials/{userId}", Name = "OfficialDossier")]
    public static Task<DossierPage> Official(
        string userId, string? asOf, long? asOfSequence, int? pageSize, string? after, ClaimsPrincipal user, DossierReader reader,
        LedgerProofs proofs, CheckpointSigner signer, CancellationToken cancellation) =>
        ReadAsync(user, "userId", () => DossierSubject.Official(UserId(userId)), new(asOf, asOfSequence, pageSize, after), reader,
            proofs, signer, cancellation);

    /// <summary>A task's dossier: its plan's events, every round's events and its objects' results and follow-ups.</summary>
    [WolverineGet("/api/dossiers/tasks/{taskId}", Name = "TaskDossier")]
    public static Task<DossierPage> Task(
        string taskId, string? asOf, long? asOfSequence, int? pageSize, string? after, ClaimsPrincipal user, DossierReader reader,
        LedgerProofs proofs, CheckpointSigner signer, CancellationToken cancellation) =>
        ReadAsync(user, "taskId", () => DossierSubject.Task(TaskId(taskId)), new(asOf, asOfSequence, pageSize, after), reader,
            proofs, signer, cancellation);

    private sealed record DossierRequest(string? AsOf, long? AsOfSequence, int? PageSize, string? After);

    /// <summary>The role is checked before the parameters, so another role learns nothing from a 400 or 404.</summary>
    private static async Task<DossierPage> ReadAsync(
        ClaimsPrincipal user, string field, Func<DossierSubject> subjectOf, DossierRequest request, DossierReader reader, LedgerProofs proofs,
        CheckpointSigner signer, CancellationToken cancellation)
    {
        user.ToActor().RequireRole("查阅调查档案 / read dossiers", Role.Investigator, Role.Auditor);
        var subject = subjectOf();
        var moment = AsOf.Moment(request.AsOf, request.AsOfSequence, "asOfSequence");
        var size = request.PageSize ?? 50;
        if (size is < 1 or > 500)
        {
            throw DomainException.Invalid("pageSize", "每页1–500条 / pageSize must be 1–500");
        }

        var scope = ListCursor.Scope("dossier-" + subject.Kind, [subject.Id, request.AsOf, request.AsOfSequence]);
        var after = request.After is { } cursor ? long.Parse(ListCursor.Decode(cursor, scope), CultureInfo.InvariantCulture) : 0;
        if (!await reader.KnownAsync(subject, cancellation))
        {
            throw DomainException.NotFound(field, $"账本中没有“{subject.Id}” / the ledger knows no {subject.Kind} '{subject.Id}'");
        }

        var events = await reader.PageAsync(subject, after, moment?.Position, moment?.At, size + 1, cancellation);
        var page = events.Take(size).ToList();
        var (checkpoint, receipts) = await proofs.ReceiptsAgainstNewestAsync([.. page.Select(e => e.Sequence)], cancellation);
        var entries = page.Zip(receipts, (e, receipt) => new DossierEntry(
                e.Sequence, e.StreamKey, e.Version, e.Type, e.Actor, e.Time, receipt?.LeafIndex, receipt?.Canonical, receipt?.InclusionProof))
            .ToList();
        var next = events.Count > size ? ListCursor.Encode(page[^1].Sequence.ToString(CultureInfo.InvariantCulture), scope) : null;
        return new DossierPage(
            subject.Kind, subject.Id, request.AsOf, request.AsOfSequence, checkpoint?.Note, signer.PublicKeyText(), entries, size, next);
    }

    /// <summary>A user id as tokens carry it: 1–64 characters, none a control character.</summary>
    private static string UserId(string text) => text.Length is >= 1 and <= 64 && !text.Any(char.IsControl)
        ? text
        : throw DomainException.Invalid(
            "userId", $"用户标识应为1–64个可见字符 / a user id is 1–64 visible characters, got '{text}'");

    /// <summary>A task id: {year}-{division code}-{department}-{task code}.</summary>
    private static string TaskId(string text) => TaskIdPattern().IsMatch(text)
        ? text
        : throw DomainException.Invalid(
            "taskId",
            $"任务编号应为“年度-行政区划代码-部门-任务代码” / a task id is year-division-department-code, got '{text}'");

    [GeneratedRegex("^[0-9]{4}-[0-9]{6}-[A-Za-z0-9]{1,16}-[A-Za-z0-9]{1,16}$")]
    private static partial Regex TaskIdPattern();
}
