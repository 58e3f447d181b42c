using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Plans;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.FollowUps;

/// <summary>
/// One follow-up as listed: its opening (result key, kind, the authority of a transfer, opened on), its last hand-over,
/// its closure, and its age in calendar days up to today in Beijing (or to its closure).
/// </summary>
public sealed record FollowUpListed(FollowUpOpened Opened, FollowUpHandedOver? LastHandOver, FollowUpClosed? Closure, int AgeInDays);

/// <summary>The follow-ups of a jurisdiction, oldest first.</summary>
public sealed record FollowUpList(DivisionCode Jurisdiction, LocalDate Today, IReadOnlyList<FollowUpListed> FollowUps);

public static class FollowUpReads
{
    /// <summary>
    /// The follow-ups of the tasks of a jurisdiction (a city covers its districts; default the caller's own), open ones
    /// only with <c>open=true</c>, closed ones with <c>open=false</c>: the auditor and the investigator read any, the
    /// credit office, business division and district bureau their own jurisdiction's.
    /// </summary>
    [WolverineGet("/api/follow-ups", Name = "ListFollowUps")]
    public static async Task<FollowUpList> List(
        string? jurisdiction, bool? open, ClaimsPrincipal user, IQuerySession session, IClock clock, CancellationToken cancellation)
    {
        var scope = FollowUpReading.Scope(
            user.ToActor(), jurisdiction, "查看后续处置 / read follow-ups", Role.CreditOffice, Role.BusinessDivision, Role.DistrictBureau);
        var today = BeijingTime.DateOf(clock.GetCurrentInstant());
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.StartsWith(StreamKeys.FollowUpPrefix))
            .OrderBy(e => e.StreamKey)
            .ThenBy(e => e.Version)
            .ToListAsync(cancellation);
        var listed = events.GroupBy(e => e.StreamKey!)
            .Select(stream => stream.Aggregate((FollowUp?)null, (state, e) => FollowUp.Evolve(state, e.Data)))
            .OfType<FollowUp>()
            .Where(followUp => open is null || followUp.IsOpen == open)
            .Where(followUp => scope.Covers(PlanId.ParseTask(followUp.Opened.TaskId).Plan.Jurisdiction))
            .Select(followUp => new FollowUpListed(
                followUp.Opened, followUp.HandOvers.LastOrDefault(), followUp.Closure, followUp.AgeInDays(today)))
            .OrderBy(listed => listed.Opened.OpenedOn)
            .ThenBy(listed => listed.Opened.FollowUpId, StringComparer.Ordinal);
        return new FollowUpList(scope, today, [.. listed]);
    }
}
