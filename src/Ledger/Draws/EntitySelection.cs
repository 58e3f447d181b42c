using System.Buffers.Binary;
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
        Root = MerkleTree.RootOfLeafData([.. Selected.Select(SelectionLeaf)]);
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
            var sampleSize = rules.For(stratum.Stratum).Ratio.SampleSize(stratum.Count);
            var (start, count) = pool.RangeOf(stratum.Stratum);
            var tickets = new byte[checked(count * DrawSeed.TicketSize)];
            Chunks.For(count, TicketChunkSize, (from, to) =>
            {
                using var writer = seed.Tickets("entity", stratum.Stratum);
                for (var i = from; i < to; i++)
                {
                    writer.WriteEncoded(pool.EncodedId(start + i), tickets.AsSpan(i * DrawSeed.TicketSize, DrawSeed.TicketSize));
                }
            });
            var order = new int[count];
            Order(tickets, new ulong[count], order, i => pool.IdAt(start + i));
            return new StratumRanking(stratum.Stratum, sampleSize, new RankList(stratum.Stratum, pool, start, tickets, order));
        })]);

    public StratumRanking RankingOf(string stratum) =>
        Strata.FirstOrDefault(ranking => ranking.Stratum == stratum)
        ?? throw DomainException.NotFound("stratum", $"stratum '{stratum}' is not in this draw");

    /// <summary>Ascending ticket order, ties broken by enc(id) (the DRAW-v1 order for entities and inspectors alike).</summary>
    internal static List<(string Id, byte[] Ticket)> Rank(IEnumerable<(string Id, byte[] Ticket)> entries) =>
        entries.Order(Comparer<(string Id, byte[] Ticket)>.Create((left, right) => Compare(left.Ticket, left.Id, right.Ticket, right.Id))).ToList();

    /// <summary>
    /// The same order over tickets laid out one after the other in <paramref name="tickets"/>: fills <paramref name="order"/>
    /// with their indices in ascending ticket order, ties broken by enc(<paramref name="idOf"/>(index)). Sorting by each
    /// ticket's first eight bytes (in <paramref name="keys"/>) does almost all the work; indices whose first eight bytes
    /// agree are then put in order by the whole comparison.
    /// </summary>
    internal static void Order(byte[] tickets, Span<ulong> keys, Span<int> order, Func<int, string> idOf)
    {
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt64BigEndian(TicketAt(tickets, i));
            order[i] = i;
        }

        keys.Sort(order);
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                order[start..end].Sort((left, right) => Compare(TicketAt(tickets, left), idOf(left), TicketAt(tickets, right), idOf(right)));
            }

            start = end;
        }
    }

    internal static Span<byte> TicketAt(byte[] tickets, int index) => tickets.AsSpan(index * DrawSeed.TicketSize, DrawSeed.TicketSize);

    private const int TicketChunkSize = 4096;

    /// <summary>
    /// A stratum's rank list over its tickets and their order; an entry is made when it is read (a million-entity pool
    /// reads the few selected ones, and substitutions read a few more).
    /// </summary>
    private sealed class RankList(string stratum, EntityPool pool, int start, byte[] tickets, int[] order)
        : IReadOnlyList<RankedEntity>
    {
        public int Count => order.Length;

        public RankedEntity this[int rank] =>
            new(stratum, pool.IdAt(start + order[rank]), TicketAt(tickets, order[rank]).ToArray(), rank);

        public IEnumerator<RankedEntity> GetEnumerator()
        {
            for (var rank = 0; rank < order.Length; rank++)
            {
                yield return this[rank];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static int Compare(ReadOnlySpan<byte> leftTicket, string leftId, ReadOnlySpan<byte> rightTicket, string rightId)
    {
        var byTicket = DrawEncoding.CompareBytes(leftTicket, rightTicket);
        return byTicket != 0 ? byTicket : DrawEncoding.CompareBytes(DrawEncoding.Enc(leftId), DrawEncoding.Enc(rightId));
    }
}
