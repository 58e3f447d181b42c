using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;

namespace FairDraw.Ledger.Plans;

/// <summary>
/// The directory counts a plan is checked against, all read at one ledger position: the existing enterprises of the
/// plan's jurisdiction, and per task code N_h, the existing enterprises of each stratum of the task's pool. The caller
/// reads them (the API with the same pool filter the draws use); the rule itself stays pure.
/// </summary>
public sealed record PlanCensus(long AsOfSequence, long ExistingEnterprises, IReadOnlyDictionary<string, IReadOnlyList<StratumCount>> TaskStrata);

/// <summary>One stratum of a task in the 3% basis: its ratio, N_h (existing enterprises) and n_h = ceil(ratio × N_h).</summary>
public sealed record StratumBasis(string Stratum, string Ratio, int Enterprises, long Sample);

/// <summary>One task in the 3% basis: its items' object types (what its pool holds), its strata and its expected sample.</summary>
public sealed record TaskBasis(string Code, IReadOnlyList<EntityType> ItemObjectTypes, IReadOnlyList<StratumBasis> Strata, long Sample);

/// <summary>
/// Why a plan meets the 3% rule (随机抽查企业比例不低于辖区存续企业的3%), as recorded with the plan: the ledger position the
/// counts were read at, the jurisdiction's existing enterprises, the required sample ceil(3/100 × existing), and the
/// expected enterprise sample Σ tasks Σ strata ceil(ratio_h × N_h) with its parts.
/// </summary>
public sealed record PlanBasis(long AsOfSequence, long ExistingEnterprises, long RequiredSample, long ExpectedSample, IReadOnlyList<TaskBasis> Tasks)
{
    /// <summary>The minimum share of existing enterprises a plan samples.</summary>
    public static readonly SamplingRatio MinimumShare = new(3, 100);

    /// <summary>Computes the basis of <paramref name="content"/> from <paramref name="census"/>; fails (field "tasks") below 3%.</summary>
    public static PlanBasis Compute(PlanContent content, PlanCensus census)
    {
        var tasks = content.Tasks.Select(task => Task(task, census)).ToList();
        var expected = tasks.Sum(task => task.Sample);
        var required = MinimumShare.SampleSize(census.ExistingEnterprises);
        return expected >= required
            ? new PlanBasis(census.AsOfSequence, census.ExistingEnterprises, required, expected, tasks)
            : throw DomainException.Invalid("tasks", $"计划抽查企业{expected}户，低于辖区存续企业{census.ExistingEnterprises}户的3%（至少{required}户） / the plan samples {expected} enterprises, below 3% of the jurisdiction's {census.ExistingEnterprises} existing enterprises (at least {required})");
    }

    private static TaskBasis Task(ValidatedTask task, PlanCensus census)
    {
        var counts = census.TaskStrata.TryGetValue(task.Spec.Code, out var found)
            ? found
            : throw new InvalidOperationException($"the census has no counts for task {task.Spec.Code}");
        var strata = task.Spec.Strata.Select(stratum =>
        {
            var enterprises = counts.FirstOrDefault(count => count.Stratum == stratum.Stratum)?.Count ?? 0;
            return new StratumBasis(stratum.Stratum, stratum.Ratio, enterprises, RatioText.Parse(stratum.Ratio, "ratio").SampleSize(enterprises));
        }).ToList();
        return new TaskBasis(task.Spec.Code, task.ItemObjectTypes, strata, strata.Sum(stratum => stratum.Sample));
    }
}
