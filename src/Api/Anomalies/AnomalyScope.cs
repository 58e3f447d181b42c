using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Anomalies;
using FairDraw.Ledger.Plans;
using Marten;
using Marten.Events;

namespace FairDraw.Api.Anomalies;

/// <summary>The year and jurisdiction an anomaly view covers, checked against the reader; and the events it reads.</summary>
public sealed record AnomalyScope(int Year, DivisionCode Jurisdiction)
{
    /// <summary>
    /// Validates the query (400 naming <c>year</c> or <c>jurisdiction</c>) and the reader: auditors and investigators
    /// anywhere, the credit office covering the jurisdiction; any other reader is 403.
    /// </summary>
    public static AnomalyScope For(int? year, string? jurisdiction, ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        actor.RequireRole("查看异常分析 / read the anomaly views", Role.Auditor, Role.Investigator, Role.CreditOffice);
        var y = PlanId.QueryYear(year);
        var scope = DivisionCode.Parse(jurisdiction);
        if (actor.Role == Role.CreditOffice)
        {
            actor.RequireJurisdiction(scope);
        }

        return new AnomalyScope(y, scope);
    }

    /// <summary>
    /// Every event of the year's task and result streams in the jurisdiction (a city covers its districts), in ledger
    /// order; with <paramref name="only"/>, only the task streams' events of those types (the query filters them).
    /// </summary>
    public async Task<IReadOnlyList<CitedEvent>> EventsAsync(
        IQuerySession session, CancellationToken cancellation, params Type[] only)
    {
        var task = $"{StreamKeys.TaskPrefix}{Year}-{Jurisdiction.CoveredPrefix}";
        var result = $"{StreamKeys.ResultPrefix}{Year}-{Jurisdiction.CoveredPrefix}";
        var query = session.Events.QueryAllRawEvents();
        var events = await (only.Length == 0
                ? query.Where(e => e.StreamKey!.StartsWith(task) || e.StreamKey!.StartsWith(result))
                : query.Where(e => e.StreamKey!.StartsWith(task) && e.EventTypesAre(only)))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        return [.. events.Select(e => new CitedEvent(new EventCitation(e.Sequence, e.StreamKey!, e.EventTypeName), e.Data))];
    }
}
