using FairDraw.Ledger;
using Marten;
using NodaTime;

namespace FairDraw.Api.Reads;

/// <summary>
/// One event of a stream as an investigator reads it: what happened, who did it, when, and where in the ledger. Every
/// member is covered by the event's hash chain and the Merkle log (the sequence by the log's order), so none can be
/// changed unseen; the time the database stored the row is not served, because nothing hashes it.
/// </summary>
public sealed record HistoryEntry(long Sequence, long Version, string Type, string Actor, Instant OccurredAt, object Data);

public static class History
{
    /// <summary>The events of <paramref name="streamKey"/> in order, optionally only those <paramref name="include"/> accepts.</summary>
    public static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(IQuerySession session, string streamKey, Func<object, bool>? include = null)
    {
        var events = await session.Events.FetchStreamAsync(streamKey);
        if (events.Count == 0)
        {
            throw DomainException.NotFound("id", $"账本中没有“{streamKey}” / the ledger has no stream '{streamKey}'");
        }

        return [.. events
            .Where(e => include?.Invoke(e.Data) ?? true)
            .Select(e => new HistoryEntry(
                e.Sequence,
                e.Version,
                e.EventTypeName,
                ((IAttributedEvent)e.Data).Actor,
                ((IAttributedEvent)e.Data).OccurredAt,
                e.Data))];
    }
}
