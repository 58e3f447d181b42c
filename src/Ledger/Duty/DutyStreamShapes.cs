using FairDraw.Ledger.Draws;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Items;
using FairDraw.Ledger.Results;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// Whether each stream of a bundle has the shape its protocol writes (docs/duty-report.md §7 step 5), so that a round, a
/// list, a result or a follow-up means one thing to every verifier: a task stream's rounds numbered 1, 2, … each from its
/// <see cref="PoolFrozen"/>, every other event naming the round of the newest freeze before it (a
/// <see cref="LapsedRoundResolved"/> an earlier one); an item list, a result and a follow-up stream opened by their first
/// event and by no other. A stream of another shape is <c>tampered</c>: the ledger never writes it.
/// </summary>
public static class DutyStreamShapes
{
    public static IEnumerable<DutyFailure> Check(IEnumerable<DutyEvent> events)
    {
        foreach (var stream in events.GroupBy(e => e.Stream, StringComparer.Ordinal))
        {
            var list = stream.OrderBy(e => e.Version).ToList();
            bool Is(string prefix) => stream.Key.StartsWith(prefix, StringComparison.Ordinal);
            var problem = Is(StreamKeys.TaskPrefix) ? RoundProblem(list)
                : Is(StreamKeys.ItemListPrefix) ? OpenedBy<ItemListDrafted>(list)
                : Is(StreamKeys.ResultPrefix) ? OpenedBy<InspectionResultRecorded>(list)
                : Is(StreamKeys.FollowUpPrefix) ? OpenedBy<FollowUpOpened>(list)
                : null;
            if (problem is not null)
            {
                yield return new("tampered", $"stream {stream.Key}: {problem}");
            }
        }
    }

    private static string? OpenedBy<T>(List<DutyEvent> list) =>
        list[0].Data is not T ? $"its first event (sequence {list[0].Sequence}) is not a {typeof(T).Name}"
        : list.Skip(1).FirstOrDefault(e => e.Data is T) is { } again
            ? $"sequence {again.Sequence} is a second {typeof(T).Name}"
            : null;

    private static string? RoundProblem(List<DutyEvent> list)
    {
        var round = 0;
        foreach (var e in list)
        {
            var fits = e.Data switch
            {
                PoolFrozen frozen => frozen.Round == ++round,
                LapsedRoundResolved lapsed => lapsed.Round >= 1 && lapsed.Round <= round,
                IDrawEvent draw => round > 0 && draw.Round == round,
                _ => false,
            };
            if (!fits)
            {
                var place = Math.Max(round, 1);
                return $"sequence {e.Sequence} ({e.Type}) does not name the round its place in the stream gives ({place})";
            }
        }

        return null;
    }
}
