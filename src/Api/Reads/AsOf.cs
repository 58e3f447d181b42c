using FairDraw.Ledger;
using FairDraw.Projections.Directories;
using JasperFx.Events;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Api.Reads;

/// <summary>
/// Selects the revisions of a directory valid at one moment: now (no parameter), a past instant
/// (<c>asOf</c>, ISO-8601 UTC) or a ledger position (<c>asOfPosition</c>, an event sequence number).
/// </summary>
public static class AsOf
{
    public static IQueryable<T> ValidAt<T>(this IQueryable<T> revisions, string? asOf, long? asOfPosition)
        where T : Revision
    {
        var moment = Moment(asOf, asOfPosition);
        if (moment is null)
        {
            return revisions.Where(x => x.IsCurrent);
        }

        if (moment.Position is { } position)
        {
            return revisions.Where(x => x.FromSequence <= position && (x.ToSequence == null || x.ToSequence > position));
        }

        var at = Revision.NanosecondsWithin(moment.At!.Value);
        return revisions.Where(x => x.FromNanoseconds <= at && (x.ToNanoseconds == null || x.ToNanoseconds > at));
    }

    /// <summary>
    /// The moment asked for: null for now, otherwise a past instant or a ledger position (its query key
    /// <paramref name="positionField"/>). An event belongs to the past state when its sequence is at most the position,
    /// or its time (the actor's <c>…At</c>) at most the instant.
    /// </summary>
    public static PastMoment? Moment(string? asOf, long? asOfPosition, string positionField = "asOfPosition")
    {
        if (asOf is not null && asOfPosition is not null)
        {
            throw DomainException.Invalid("asOf", $"asOf 与 {positionField} 只能给一个 / give asOf or {positionField}, not both");
        }

        if (asOfPosition is { } position)
        {
            return position < 0
                ? throw DomainException.Invalid(positionField, "账本位置不能为负 / a ledger position is not negative")
                : new PastMoment(null, position);
        }

        if (asOf is null)
        {
            return null;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(asOf);
        return parsed.Success
            ? new PastMoment(parsed.Value, null)
            : throw DomainException.Invalid("asOf", $"时间“{asOf}”应为ISO-8601 UTC格式，如2021-06-01T00:00:00Z / '{asOf}' is not an ISO-8601 UTC instant such as 2021-06-01T00:00:00Z");
    }
}

/// <summary>A past instant or a ledger position (exactly one is set).</summary>
public sealed record PastMoment(Instant? At, long? Position)
{
    public bool Holds(IEvent e) => Position is { } position
        ? e.Sequence <= position
        : ((IAttributedEvent)e.Data).OccurredAt <= At!.Value;
}
