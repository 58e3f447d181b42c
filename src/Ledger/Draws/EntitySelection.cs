using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws;

/// <summary>An entity with its ticket and its 0-based rank in its stratum.</summary>
public sealed record RankedEntity(string Stratum, string Id, byte[] Ticket, int Rank);

/// <summary>A stratum's full rank list and how many of its first entries are selected.</summary>
public sealed record StratumRanking(string Stratum, long SampleSize, IReadOnlyList<RankedEntity> Ranked)
{
    public IEnumerable<RankedEntity> Selected => Ranked.Take((int)SampleSize);
}

/// <summary>
/// Per-stratum selection: every entity of stratum h is ranked by ticket("entity", h, id) ascending (unsigned bytewise,
/// ties by enc(id)) and the first n_h are selected. The rank lists are kept for substitution.
/// </summary>
public sealed class EntitySelection
{
    private EntitySelection(IReadOnlyList<StratumRanking> strata)
    {
        Strata = strata;
        Selected = [.. strata.SelectMany(stratum => stratum.Selected)];
        Root = MerkleTree.Root([.. Selected.Select(entity => MerkleTree.LeafHash(SelectionLeaf(entity)))]);
    }

    /// <summary>Strata in ascending UTF-8 byte order of their labels.</summary>
    public IReadOnlyList<StratumRanking> Strata { get; }

    /// <summary>Selection order: strata in ascending UTF-8 byte order, within a stratum by rank.</summary>
    public IReadOnlyList<RankedEntity> Selected { get; }

    /// <summary>RFC 6962 root over enc("selected") || enc(stratum) || enc(id) in selection order.</summary>
    public byte[] Root { get; }

    public static byte[] SelectionLeaf(RankedEntity entity) => DrawEncoding.Enc("selected", entity.Stratum, entity.Id);

    public static EntitySelection Draw(DrawSeed seed, EntityPool pool, DrawRules rules) =>
        new([.. pool.Strata.Select(stratum =>
        {
            var ranked = Rank(pool.Members.Where(member => member.Stratum == stratum.Stratum)
                .Select(member => (member.Id, Ticket: seed.Ticket("entity", stratum.Stratum, member.Id))));
            return new StratumRanking(
                stratum.Stratum,
                rules.For(stratum.Stratum).Ratio.SampleSize(stratum.Count),
                [.. ranked.Select((entry, rank) => new RankedEntity(stratum.Stratum, entry.Id, entry.Ticket, rank))]);
        })]);

    public StratumRanking RankingOf(string stratum) =>
        Strata.FirstOrDefault(ranking => ranking.Stratum == stratum)
        ?? throw DomainException.NotFound("stratum", $"stratum '{stratum}' is not in this draw");

    /// <summary>Ascending ticket order, ties broken by enc(id) (the DRAW-v1 order for entities and inspectors alike).</summary>
    internal static List<(string Id, byte[] Ticket)> Rank(IEnumerable<(string Id, byte[] Ticket)> entries) =>
        entries.Order(Comparer<(string Id, byte[] Ticket)>.Create((left, right) =>
        {
            var byTicket = DrawEncoding.CompareBytes(left.Ticket, right.Ticket);
            return byTicket != 0 ? byTicket : DrawEncoding.CompareBytes(DrawEncoding.Enc(left.Id), DrawEncoding.Enc(right.Id));
        })).ToList();
}
