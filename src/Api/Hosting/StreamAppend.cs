using Marten;

namespace FairDraw.Api.Hosting;

/// <summary>Appends decided events to one stream with optimistic concurrency on the version the decision saw.</summary>
public static class StreamAppend
{
    /// <summary>
    /// Appends <paramref name="events"/> to <paramref name="streamKey"/>, expecting it to be at
    /// <paramref name="seenVersion"/> (0: the stream must not exist yet), and commits. Returns the new version.
    /// A concurrent writer makes this fail with a conflict (409).
    /// </summary>
    public static async Task<long> AppendAsync(IDocumentSession session, string streamKey, long seenVersion, IReadOnlyList<object> events)
    {
        if (events.Count == 0)
        {
            return seenVersion;
        }

        if (seenVersion == 0)
        {
            session.Events.StartStream(streamKey, [.. events]);
        }
        else
        {
            session.Events.Append(streamKey, seenVersion + events.Count, [.. events]);
        }

        await SaveAsync(session);
        return seenVersion + events.Count;
    }

    /// <summary>
    /// Saves <paramref name="session"/>'s appends in a transaction begun before Marten takes their ledger positions
    /// (sequence numbers). Without one, Marten takes them in a statement of its own and begins the writing transaction
    /// only afterwards, so for a moment an append holds a position while no transaction of it is open, and a freeze
    /// settling its position (<c>EntityPoolReader.SettledPositionAsync</c>) could not know to wait for it. Every append
    /// to a directory stream goes through here or through the bulk path, which takes its positions in its own transaction.
    /// </summary>
    public static async Task SaveAsync(IDocumentSession session, CancellationToken cancellation = default)
    {
        await session.BeginTransactionAsync(cancellation);
        await session.SaveChangesAsync(cancellation);
    }
}
