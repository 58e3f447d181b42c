using System.Security.Cryptography;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// Whether a bundle holds everything its report reads (docs/duty-report.md §7 step 5): each stream from version 1 with
/// unbroken chain links, nothing beyond the report's position, the plan's item list, every result's round, and every
/// sequence the report cites. A bundle that omits what a clause needs fails as incomplete, never passes.
/// </summary>
public static class DutyCompleteness
{
    /// <summary>The failures of <paramref name="events"/> (all the bundle's) against the report and its <paramref name="ledger"/>, the decoded ones below its position.</summary>
    public static IEnumerable<DutyFailure> Check(DutyReport report, DutyLedger ledger, IReadOnlyList<DutyCanonical> events)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var e in events.Where(e => e.LeafIndex >= report.AsOf))
        {
            yield return new("incomplete", $"event {e.Sequence} at leaf {e.LeafIndex} lies beyond the report's position {report.AsOf}");
        }

        // Each event's hash, the next version's prev, on every core: a city's year is tens of megabytes of events.
        var hashes = events.AsParallel().AsOrdered().Select(e => Convert.ToHexStringLower(SHA256.HashData(e.Bytes))).ToArray();
        foreach (var stream in Enumerable.Range(0, events.Count).GroupBy(i => events[i].Stream, StringComparer.Ordinal))
        {
            var expectedPrev = Convert.ToHexStringLower(new byte[32]);
            var version = 1L;
            foreach (var i in stream.OrderBy(i => events[i].Version))
            {
                var e = events[i];
                if (e.Version != version || e.Prev != expectedPrev)
                {
                    yield return new("incomplete", $"stream {stream.Key} lacks version {version} (the bundle's next is version {e.Version}, sequence {e.Sequence})");
                    break;
                }

                (expectedPrev, version) = (hashes[i], version + 1);
            }
        }

        var present = events.Select(e => e.Stream).ToHashSet(StringComparer.Ordinal);
        foreach (var version in ledger.Versions)
        {
            var list = StreamKeys.ItemList(version.ListJurisdiction, version.ListVersion);
            if (!present.Contains(list))
            {
                yield return new("incomplete", $"stream {list}, named by the plan's event {version.Source.Sequence}, is not in the bundle");
            }
        }

        foreach (var result in ledger.Results.Values)
        {
            var recorded = result.State.Recorded;
            if (!ledger.Tasks.TryGetValue(recorded.TaskId, out var task) || task.Draw.Rounds.All(round => round.Number != recorded.Round))
            {
                yield return new("incomplete", $"result {result.Stream} names round {recorded.Round} of task {recorded.TaskId}, which the bundle lacks");
            }
        }

        var sequences = events.Select(e => e.Sequence).ToHashSet();
        foreach (var cited in report.DerivedCited().Distinct().Order().Where(sequence => !sequences.Contains(sequence)))
        {
            yield return new("incomplete", $"cited sequence {cited} is not in the bundle");
        }
    }
}
