using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Draws;

/// <summary>A sampling ratio as an exact fraction 0 &lt; numerator/denominator ≤ 1, written "3/100".</summary>
public sealed record SamplingRatio
{
    public SamplingRatio(long numerator, long denominator)
    {
        if (numerator <= 0 || denominator <= 0 || numerator > denominator)
        {
            throw DomainException.Invalid("ratio", $"ratio {numerator}/{denominator} must be a positive fraction of at most 1");
        }

        Numerator = numerator;
        Denominator = denominator;
    }

    public long Numerator { get; }

    public long Denominator { get; }

    /// <summary>n_h = ceil(numerator × N_h / denominator), in checked integer arithmetic.</summary>
    public long SampleSize(long stratumSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stratumSize);
        var product = checked(Numerator * stratumSize);
        return (product / Denominator) + (product % Denominator == 0 ? 0 : 1);
    }

    public override string ToString() => $"{DrawMembers.Decimal(Numerator)}/{DrawMembers.Decimal(Denominator)}";
}

/// <summary>The rule of one stratum: its ratio and the expertise tag each inspector of its objects must hold (or none).</summary>
public sealed record StratumRule
{
    public StratumRule(string stratum, SamplingRatio ratio, string? expertise = null)
    {
        Stratum = DrawMembers.Label(stratum, "stratum");
        Ratio = ratio;
        Expertise = expertise is null ? null : DrawMembers.Label(expertise, "expertise");
    }

    public string Stratum { get; }

    public SamplingRatio Ratio { get; }

    /// <summary>The tag every inspector of an object in this stratum must hold; null when any inspector will do.</summary>
    public string? Expertise { get; }
}

/// <summary>
/// The committed rule set. Recusal, the unit rule and the replacement rule are fixed by DRAW-v1 and written into the
/// commitment by name, so a verifier sees which rules the draw ran under.
/// </summary>
public sealed record DrawRules
{
    /// <summary>An inspector with a declared conflict with an entity is never assigned to it.</summary>
    public const string Recusal = "declared-conflicts";

    /// <summary>No two inspectors of one object come from the same unit.</summary>
    public const string UnitRule = "distinct-units";

    /// <summary>A substituted entity is replaced by the next ticket of its stratum not yet used.</summary>
    public const string Replacement = "next-ticket-same-stratum";

    /// <summary>How n_h is computed, as written into the commitment.</summary>
    public const string Rounding = "ceil(numerator*N_h/denominator)";

    public DrawRules(IEnumerable<StratumRule> strata, int inspectorsPerEntity, int capacityCap)
    {
        Strata = [.. strata.OrderBy(rule => rule.Stratum, DrawEncoding.Utf8Order)];
        var twice = Strata.GroupBy(rule => rule.Stratum, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (twice is not null)
        {
            throw DomainException.Invalid("strata", $"stratum '{twice.Key}' has more than one rule");
        }

        InspectorsPerEntity = inspectorsPerEntity >= 2
            ? inspectorsPerEntity
            : throw DomainException.Invalid("inspectorsPerEntity", "at least 2 inspectors per object are required by law");
        CapacityCap = capacityCap >= 1
            ? capacityCap
            : throw DomainException.Invalid("capacityCap", "the capacity cap must be at least 1");
    }

    /// <summary>One rule per stratum, in ascending UTF-8 byte order of the labels.</summary>
    public IReadOnlyList<StratumRule> Strata { get; }

    public int InspectorsPerEntity { get; }

    /// <summary>No inspector holds more objects in one draw than this, whatever their own capacity.</summary>
    public int CapacityCap { get; }

    public StratumRule For(string stratum) =>
        Strata.FirstOrDefault(rule => rule.Stratum == stratum)
        ?? throw DomainException.Invalid("strata", $"stratum '{stratum}' has no rule");

    /// <summary>An inspector's effective capacity: min(own capacity, cap).</summary>
    public int CapacityOf(InspectorMember inspector) => Math.Min(inspector.Capacity, CapacityCap);
}
