using System.Collections.Concurrent;

namespace FairDraw.Ledger;

/// <summary>Runs a loop over [0, count) in contiguous chunks, on every core when there is more than one chunk.</summary>
internal static class Chunks
{
    /// <summary>
    /// Calls <paramref name="body"/>(start, end) for chunks of at most <paramref name="size"/> indices that together cover
    /// [0, <paramref name="count"/>) once each. Each call may run on its own thread, so per-thread state (a hash object,
    /// a buffer) belongs inside the body, created once per chunk.
    /// </summary>
    public static void For(int count, int size, Action<int, int> body)
    {
        if (count <= size)
        {
            body(0, count);
            return;
        }

        Parallel.ForEach(Partitioner.Create(0, count, size), range => body(range.Item1, range.Item2));
    }
}
