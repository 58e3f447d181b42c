using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Draws;

/// <summary>An entity of the sample replaced by the next unused ticket of its stratum, with the reason given.</summary>
public sealed record Substitution(string Stratum, string ReplacedId, RankedEntity Replacement, string Reason);

/// <summary>
/// The replacement rule "next-ticket-same-stratum": the replacement is the first entity in the stratum's rank list
/// that was neither selected, nor brought in by an earlier substitution, nor replaced by one.
/// </summary>
public static class EntitySubstitution
{
    public static Substitution Next(EntitySelection selection, IReadOnlyList<Substitution> earlier, string entityId, string reason)
    {
        var because = Text.Required(reason, "reason", 500, multiline: true);
        var inSample = selection.Selected.Select(entity => entity.Id)
            .Concat(earlier.Select(substitution => substitution.Replacement.Id))
            .Except(earlier.Select(substitution => substitution.ReplacedId), StringComparer.Ordinal)
            .ToHashSet(StringComparer.Ordinal);
        var replaced = selection.Strata.SelectMany(stratum => stratum.Ranked).FirstOrDefault(entity => entity.Id == entityId);
        if (replaced is null || !inSample.Contains(entityId))
        {
            throw DomainException.NotFound("entityId", $"entity '{entityId}' is not in the current sample");
        }

        var used = selection.Selected.Select(entity => entity.Id)
            .Concat(earlier.SelectMany(substitution => new[] { substitution.ReplacedId, substitution.Replacement.Id }))
            .ToHashSet(StringComparer.Ordinal);
        var next = selection.RankingOf(replaced.Stratum).Ranked.FirstOrDefault(entity => !used.Contains(entity.Id))
            ?? throw DomainException.Conflict("entityId", $"stratum '{replaced.Stratum}' has no unused entity left to replace '{entityId}'");
        return new Substitution(replaced.Stratum, entityId, next, because);
    }
}
