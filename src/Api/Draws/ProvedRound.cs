using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.Draws;

/// <summary>
/// One round's proof material: where each member lies in the pool's tree and its levels; once executed each member's
/// ticket and rank and each stratum's ranked-ticket tree levels.
/// </summary>
public sealed class ProvedRound
{
    private readonly Dictionary<string, int> _leafOf;
    private readonly string[] _stratumOf;
    private readonly MerkleLevels _pool;
    private readonly Ranks? _ranks;

    private ProvedRound(Dictionary<string, int> leafOf, string[] stratumOf, MerkleLevels pool, Ranks? ranks) =>
        (_leafOf, _stratumOf, _pool, _ranks) = (leafOf, stratumOf, pool, ranks);

    private sealed record Ranks(int[] RankOf, byte[] Tickets, Dictionary<string, MerkleLevels> Trees);

    /// <summary>
    /// An estimate of the memory held: the tree levels, tickets and ranks, and per member its id string and dictionary
    /// entry (about 2 bytes a character plus 48 bytes) and its stratum reference.
    /// </summary>
    public long Bytes { get; private init; }

    public static ProvedRound Of(EntityPool pool, EntitySelection? selection)
    {
        var leafOf = new Dictionary<string, int>(pool.Count, StringComparer.Ordinal);
        var stratumOf = new string[pool.Count];
        var labels = pool.Strata.ToDictionary(stratum => stratum.Stratum, stratum => stratum.Stratum, StringComparer.Ordinal);
        var leaves = new byte[pool.Count][];
        var idBytes = 0L;
        for (var index = 0; index < pool.Count; index++)
        {
            var member = pool.Members[index];
            (leafOf[member.Id], stratumOf[index], leaves[index]) = (index, labels[member.Stratum], member.Leaf());
            idBytes += (2L * member.Id.Length) + 48 + 8;
        }

        var tree = MerkleLevels.OfLeafData(leaves);
        var ranks = selection is null ? null : RanksOf(selection, leafOf);
        return new ProvedRound(leafOf, stratumOf, tree, ranks)
        {
            Bytes = tree.Bytes + idBytes
                + (ranks is null ? 0 : ranks.Tickets.Length + (4L * ranks.RankOf.Length) + ranks.Trees.Values.Sum(levels => levels.Bytes)),
        };
    }

    private static Ranks RanksOf(EntitySelection selection, Dictionary<string, int> leafOf)
    {
        var rankOf = new int[leafOf.Count];
        var tickets = new byte[leafOf.Count * DrawSeed.TicketSize];
        var trees = new Dictionary<string, MerkleLevels>(StringComparer.Ordinal);
        foreach (var ranking in selection.Strata)
        {
            foreach (var ranked in ranking.Ranked)
            {
                var leaf = leafOf[ranked.Id];
                rankOf[leaf] = ranked.Rank;
                ranked.Ticket.CopyTo(tickets, leaf * DrawSeed.TicketSize);
            }

            trees[ranking.Stratum] = MerkleLevels.OfLeafData(ranking.RankedLeaves());
        }

        return new Ranks(rankOf, tickets, trees);
    }

    /// <summary>The member's leaf index and stratum in the pool.</summary>
    public (int LeafIndex, string Stratum) Find(string entityId)
    {
        var leaf = _leafOf[entityId];
        return (leaf, _stratumOf[leaf]);
    }

    /// <summary>The inclusion proof (hex, leaf level first) of the pool leaf at <paramref name="leafIndex"/>.</summary>
    public IReadOnlyList<string> PoolProof(int leafIndex) => Hex(_pool.InclusionProof(leafIndex));

    /// <summary>The member's ticket (hex), rank and inclusion proof at that rank in its stratum's tree; null before execution.</summary>
    public (string Ticket, int Rank, IReadOnlyList<string> RankProof)? Ranked(int leafIndex)
    {
        if (_ranks is null)
        {
            return null;
        }

        var rank = _ranks.RankOf[leafIndex];
        var ticket = Convert.ToHexStringLower(_ranks.Tickets.AsSpan(leafIndex * DrawSeed.TicketSize, DrawSeed.TicketSize));
        return (ticket, rank, Hex(_ranks.Trees[_stratumOf[leafIndex]].InclusionProof(rank)));
    }

    private static IReadOnlyList<string> Hex(IReadOnlyList<byte[]> proof) => [.. proof.Select(Convert.ToHexStringLower)];
}
