using System.Security.Cryptography;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// Whether a bundle holds everything its report reads (docs/duty-report.md §7 step 5): each stream from version 1 with
/// unbroken chain links, nothing beyond the report's position, the plan's item list, every result's round, and every
/// sequence the report cites. A bundle that omits what a clause needs fails as incomplete, never passes.
/// </summary>
public static class DutyCompleteness
{
    public static IEnumerable<DutyFailure> Check(DutyReport report, DutyScope scope, IReadOnlyList<DutyCanonical> events, IReadOnlyList<DutyEvent> decoded)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var e in events.Where(e => e.LeafIndex >= report.AsOf))
        {
            yield return new("incomplete", $"event {e.Sequence} at leaf {e.LeafIndex} lies beyond the report's position {report.AsOf}");
        }

        foreach (var stream in events.GroupBy(e => e.Stream, StringComparer.Ordinal))
        {
            var expectedPrev = Convert.ToHexStringLower(new byte[32]);
            var version = 1L;
            foreach (var e in stream.OrderBy(e => e.Version))
            {
                if (e.Version != version || e.Prev != expectedPrev)
                {
                    yield return new("incomplete", $"stream {stream.Key} lacks version {version} (the bundle's next is version {e.Version}, sequence {e.Sequence})");
                    break;
                }

                (expectedPrev, version) = (Convert.ToHexStringLower(SHA256.HashData(e.Bytes)), version + 1);
            }
        }

        var ledger = new DutyLedger(scope, decoded.Where(e => e.LeafIndex < report.AsOf));
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
