using FairDraw.Ledger;
using FairDraw.Projections.Directories;
using NodaTime.Text;

namespace FairDraw.Api.Hosting;

/// <summary>
/// Selects the revisions of a directory valid at one moment: now (no parameter), a past instant
/// (<c>asOf</c>, ISO-8601 UTC) or a ledger position (<c>asOfPosition</c>, an event sequence number).
/// </summary>
public static class AsOf
{
    public static IQueryable<T> ValidAt<T>(this IQueryable<T> revisions, string? asOf, long? asOfPosition)
        where T : Revision
    {
        if (asOf is not null && asOfPosition is not null)
        {
            throw DomainException.Invalid("asOf", "asOf 与 asOfPosition 只能给一个 / give asOf or asOfPosition, not both");
        }

        if (asOfPosition is { } position)
        {
            return position < 0
                ? throw DomainException.Invalid("asOfPosition", "账本位置不能为负 / a ledger position is not negative")
                : revisions.Where(x => x.FromSequence <= position && (x.ToSequence == null || x.ToSequence > position));
        }

        if (asOf is null)
        {
            return revisions.Where(x => x.IsCurrent);
        }

        var parsed = InstantPattern.ExtendedIso.Parse(asOf);
        if (!parsed.Success)
        {
            throw DomainException.Invalid("asOf", $"时间“{asOf}”应为ISO-8601 UTC格式，如2021-06-01T00:00:00Z / '{asOf}' is not an ISO-8601 UTC instant such as 2021-06-01T00:00:00Z");
        }

        var at = parsed.Value.ToDateTimeOffset();
        return revisions.Where(x => x.FromTime <= at && (x.ToTime == null || x.ToTime > at));
    }
}
