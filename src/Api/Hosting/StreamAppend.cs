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

        await session.SaveChangesAsync();
        return seenVersion + events.Count;
    }
}
