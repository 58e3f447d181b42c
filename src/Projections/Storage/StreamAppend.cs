using Marten;

namespace FairDraw.Projections.Storage;

/// <summary>What a write read of its stream before deciding: the version it decided on.</summary>
public interface IStreamVersion
{
    /// <summary>The stream's version when it was read (the version of its newest event).</summary>
    long StreamVersion { get; }
}

/// <summary>
/// The one way a decision's events reach the ledger: appended to the stream the decision read, expecting the version it
/// read, in a transaction begun before Marten takes their ledger positions (docs/architecture.md, "The settled position").
/// </summary>
public static class StreamAppend
{
    /// <summary>
    /// Appends <paramref name="events"/> to <paramref name="streamKey"/> as decided on <paramref name="read"/> (null: the
    /// stream must not exist yet) and commits; returns the stream's new version. A concurrent writer that committed
    /// first makes this fail with Marten's concurrency error (409), so exactly one of them wins.
    /// </summary>
    public static async Task<long> AppendAsync(IDocumentSession session, string streamKey, IStreamVersion? read, IReadOnlyList<object> events)
    {
        var version = Stage(session, streamKey, read, events);
        if (events.Count > 0)
        {
            await SaveAsync(session);
        }

        return version;
    }

    /// <summary>
    /// Stages <paramref name="events"/> as <see cref="AppendAsync"/> appends them, without committing: a decision that
    /// writes two streams stages both, then commits them together with <see cref="SaveAsync"/>.
    /// </summary>
    public static long Stage(IDocumentSession session, string streamKey, IStreamVersion? read, IReadOnlyList<object> events)
    {
        var seen = read?.StreamVersion ?? 0;
        if (events.Count == 0)
        {
            return seen;
        }

        if (seen == 0)
        {
            session.Events.StartStream(streamKey, [.. events]);
        }
        else
        {
            session.Events.Append(streamKey, seen + events.Count, [.. events]);
        }

        return seen + events.Count;
    }

    /// <summary>Commits <paramref name="session"/>'s appends in a transaction begun before their positions are taken.</summary>
    public static async Task SaveAsync(IDocumentSession session, CancellationToken cancellation = default)
    {
        await session.BeginTransactionAsync(cancellation);
        await session.SaveChangesAsync(cancellation);
    }
}
