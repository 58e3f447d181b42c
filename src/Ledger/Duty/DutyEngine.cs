using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// The one computation of a duty report (docs/duty-report.md): a pure fold over the events of the scope, their witnessed
/// bounds and the working-day calendar. The server builds its reports with it and <c>verify-duty</c> recomputes them
/// with it from a bundle's bytes, so both apply the same rules.
/// </summary>
public static partial class DutyEngine
{
    /// <summary>
    /// The report of <paramref name="scope"/> as of log size <paramref name="asOf"/> over <paramref name="events"/> (those
    /// with a leaf index below it count), under the witnesses of <paramref name="policy"/> whose quorum times
    /// <paramref name="times"/> holds, trusting <paramref name="ledgerKey"/> for draw commitments.
    /// </summary>
    public static DutyReport Build(
        DutyScope scope, long asOf, IEnumerable<DutyEvent> events, WitnessedTimes times, WitnessPolicy? policy, string ledgerKey) =>
        Build(new DutyLedger(scope, events.Where(e => e.LeafIndex < asOf)), asOf, times, policy, ledgerKey);

    /// <summary>The report over a ledger already folded from the scope's events below <paramref name="asOf"/>.</summary>
    public static DutyReport Build(DutyLedger ledger, long asOf, WitnessedTimes times, WitnessPolicy? policy, string ledgerKey)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var scope = ledger.Scope;
        var timing = new DutyTiming(policy is null ? WitnessedTimes.None : times, asOf);
        var clauses = ledger.PlanEvents.Any(e => e.Data is Plans.PlanDrafted)
            ? [ItemsCovered(ledger), FiledInTime(ledger, timing), DrawnFairly(ledger, timing, ledgerKey), Assigned(ledger),
               Inspected(ledger, timing), PublishedInTime(ledger, timing), FollowedUp(ledger, timing)]
            : NoPlan(ledger);
        var draws = ledger.Tasks.Values.OrderBy(task => task.TaskId, StringComparer.Ordinal)
            .SelectMany(task => task.Draw.Rounds.Where(round => round.Execution is not null)
                .Select(round => new DutyDraw(task.TaskId, round.Number, round.Pool.EntityRoot, round.Execution!.SelectionRoot)))
            .ToList();
        var (performed, missing) = scope.Official is { } official ? Official(ledger, official, clauses) : (null, null);
        return new DutyReport(
            DutyReport.FormatName,
            scope.Plan.Year,
            scope.Plan.Jurisdiction.Value,
            scope.Plan.Department,
            scope.Official,
            asOf,
            timing.AsOfTime is { } now ? DutyTiming.Format(now) : null,
            policy is null ? null : new DutyWitnesses([.. policy.Witnesses.Select(w => w.VerifierKeyText())], policy.Quorum),
            clauses,
            draws,
            timing.Bounds,
            performed,
            missing,
            DutyReport.CitedBy(clauses, timing.Bounds, performed, missing));
    }

    private static DutyClause[] NoPlan(DutyLedger ledger)
    {
        var (items, filed) = (new DutyClauseBuilder(1, "items-covered"), new DutyClauseBuilder(2, "plan-filed"));
        foreach (var clause in new[] { items, filed })
        {
            clause.Check([]);
            clause.Find(DutyVerdict.NotFulfilled, "no-plan", ledger.Scope.PlanId, [],
                $"没有计划{ledger.Scope.PlanId} / there is no plan {ledger.Scope.PlanId}");
        }

        return [items.Build(), filed.Build(), .. ClauseNames.Skip(2).Select((name, i) => new DutyClauseBuilder(i + 3, name).Build())];
    }

    private static readonly string[] ClauseNames = ["items-covered", "plan-filed", "draws", "assignments", "inspected", "published", "follow-ups"];
}
