using System.Buffers.Binary;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws.Engine;

/// <summary>An entity with its ticket and its 0-based rank in its stratum.</summary>
public sealed record RankedEntity(string Stratum, string Id, byte[] Ticket, int Rank);

/// <summary>A stratum's full rank list and how many of its first entries are selected.</summary>
public sealed record StratumRanking(string Stratum, long SampleSize, IReadOnlyList<RankedEntity> Ranked)
{
    public IEnumerable<RankedEntity> Selected => Ranked.Take((int)SampleSize);

    /// <summary>The leaves of the stratum's ranked-ticket tree in rank order (docs/draw-protocol.md §8.1); sorts the whole stratum.</summary>
    public IReadOnlyList<byte[]> RankedLeaves() =>
        Ranked is EntitySelection.RankList list ? list.RankedLeaves() : [.. Ranked.Select(RankedLeaf)];

    /// <summary>MTH of <see cref="RankedLeaves"/>: the stratum's rank root, recorded in DrawExecuted.RankRoots.</summary>
    public byte[] RankRoot() => MerkleTree.RootOfLeafData(RankedLeaves());

    /// <summary>enc("ranked", stratum, entityId, ticket), the ticket as its 32 raw bytes, written into one array of its size.</summary>
    public static byte[] RankedLeaf(RankedEntity entity) =>
        RankedLeaf(DrawEncoding.EncNfc("ranked", entity.Stratum), DrawEncoding.EncNfc(entity.Id), entity.Ticket);

    /// <summary>The leaf from enc("ranked") || enc(stratum), enc(entityId) and the ticket.</summary>
    internal static byte[] RankedLeaf(ReadOnlySpan<byte> rankedStratum, ReadOnlySpan<byte> encodedId, ReadOnlySpan<byte> ticket)
    {
        var leaf = new byte[rankedStratum.Length + encodedId.Length + 4 + ticket.Length];
        rankedStratum.CopyTo(leaf);
        encodedId.CopyTo(leaf.AsSpan(rankedStratum.Length));
        BinaryPrimitives.WriteUInt32BigEndian(leaf.AsSpan(rankedStratum.Length + encodedId.Length), (uint)ticket.Length);
        ticket.CopyTo(leaf.AsSpan(leaf.Length - ticket.Length));
        return leaf;
    }
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

    public static byte[] SelectionLeaf(RankedEntity entity) => DrawEncoding.EncNfc("selected", DrawEncoding.Nfc(entity.Stratum), DrawEncoding.Nfc(entity.Id));

    /// <summary>Ranks every stratum; strata are ranked side by side (each one's tickets are written on every core, its sort is not).</summary>
    public static EntitySelection Draw(DrawSeed seed, EntityPool pool, DrawRules rules)
    {
        var sampleSizes = pool.Strata.Select(stratum => rules.For(stratum.Stratum).Ratio.SampleSize(stratum.Count)).ToArray();
        var rankings = new StratumRanking[sampleSizes.Length];
        Parallel.For(0, rankings.Length, h => rankings[h] = Rank(seed, pool, pool.Strata[h].Stratum, sampleSizes[h]));
        return new(rankings);
    }

    /// <summary>
    /// The ranking of one stratum. Only its first entries are put in order now, those whose ticket begins with eight
    /// bytes no greater than the n_h-th smallest (at least n_h of them, found in linear time); every later entry ranks
    /// after them and is put in order when a rank past them is first read (a substitution).
    /// </summary>
    private static StratumRanking Rank(DrawSeed seed, EntityPool pool, string stratum, long sampleSize)
    {
        var (start, count) = pool.RangeOf(stratum);
        var tickets = new byte[checked(count * DrawSeed.TicketSize)];
        Chunks.For(count, TicketChunkSize, (from, to) =>
        {
            using var writer = seed.Tickets("entity", stratum);
            for (var i = from; i < to; i++)
            {
                writer.WriteEncoded(pool.EncodedId(start + i), tickets.AsSpan(i * DrawSeed.TicketSize, DrawSeed.TicketSize));
            }
        });

        var keys = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt64BigEndian(TicketAt(tickets, i));
        }

        var order = new int[count];
        var head = 0;
        if (count > 0)
        {
            var threshold = NthSmallest([.. keys], (int)Math.Clamp(sampleSize, 1, count) - 1);
            var tail = count;
            for (var i = 0; i < count; i++)
            {
                order[keys[i] <= threshold ? head++ : --tail] = i;
            }
        }

        var ranked = new RankList(stratum, pool, start, tickets, keys, order, head);
        return new StratumRanking(stratum, sampleSize, ranked);
    }

    /// <summary>The <paramref name="n"/>-th smallest (0-based) of <paramref name="values"/>, which it reorders (Hoare's selection).</summary>
    private static ulong NthSmallest(ulong[] values, int n)
    {
        var (low, high) = (0, values.Length - 1);
        while (low < high)
        {
            var pivot = values[low + ((high - low) / 2)];
            var (i, j) = (low, high);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (n <= j)
            {
                high = j;
            }
            else if (n >= i)
            {
                low = i;
            }
            else
            {
                break;
            }
        }

        return values[n];
    }

    public StratumRanking RankingOf(string stratum) =>
        Strata.FirstOrDefault(ranking => ranking.Stratum == stratum)
        ?? throw DomainException.NotFound("stratum", $"stratum '{stratum}' is not in this draw");

    /// <summary>Ascending ticket order, ties broken by enc(id) (the DRAW-v1 order for entities and inspectors alike).</summary>
    internal static List<(string Id, byte[] Ticket)> Rank(IEnumerable<(string Id, byte[] Ticket)> entries) =>
        entries.Order(Comparer<(string Id, byte[] Ticket)>.Create((left, right) => Compare(left.Ticket, left.Id, right.Ticket, right.Id))).ToList();

    /// <summary>
    /// The same order over tickets laid out one after the other in <paramref name="tickets"/>: fills <paramref name="order"/>
    /// with their indices in ascending ticket order, ties broken by enc(<paramref name="idOf"/>(index)).
    /// </summary>
    internal static void Order(byte[] tickets, Span<ulong> keys, Span<int> order, Func<int, string> idOf)
    {
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt64BigEndian(TicketAt(tickets, i));
            order[i] = i;
        }

        Sort(tickets, keys, order, idOf);
    }

    /// <summary>
    /// Puts the ticket indices <paramref name="order"/> in ticket order, <paramref name="keys"/> holding the first eight
    /// bytes of each one's ticket: sorting by those does almost all the work; indices whose first eight bytes agree are
    /// then put in order by the whole comparison.
    /// </summary>
    private static void Sort(byte[] tickets, Span<ulong> keys, Span<int> order, Func<int, string> idOf)
    {
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
    /// reads the few selected ones, and substitutions read a few more). The first <paramref name="head"/> indices of
    /// <paramref name="order"/> are the lowest tickets; they are sorted at once, the rest when first read.
    /// </summary>
    internal sealed class RankList : IReadOnlyList<RankedEntity>
    {
        private readonly string stratum;
        private readonly EntityPool pool;
        private readonly int start;
        private readonly byte[] tickets;
        private readonly ulong[] keys;
        private readonly int[] order;
        private volatile int sorted;

        public RankList(string stratum, EntityPool pool, int start, byte[] tickets, ulong[] keys, int[] order, int head)
        {
            (this.stratum, this.pool, this.start, this.tickets, this.keys, this.order) = (stratum, pool, start, tickets, keys, order);
            SortFrom(0, head);
        }

        public int Count => order.Length;

        public RankedEntity this[int rank]
        {
            get
            {
                if (rank >= sorted)
                {
                    lock (order)
                    {
                        SortFrom(sorted, order.Length);
                    }
                }

                return new(stratum, pool.IdAt(start + order[rank]), TicketAt(tickets, order[rank]).ToArray(), rank);
            }
        }

        /// <summary>Every entry's ranked leaf in rank order, from the pool's encoded ids and the tickets, without making entries.</summary>
        public IReadOnlyList<byte[]> RankedLeaves()
        {
            lock (order)
            {
                SortFrom(sorted, order.Length);
            }

            var rankedStratum = DrawEncoding.EncNfc("ranked", stratum);
            var leaves = new byte[order.Length][];
            Chunks.For(order.Length, TicketChunkSize, (from, to) =>
            {
                for (var rank = from; rank < to; rank++)
                {
                    leaves[rank] = StratumRanking.RankedLeaf(rankedStratum, pool.EncodedId(start + order[rank]), TicketAt(tickets, order[rank]));
                }
            });
            return leaves;
        }

        public IEnumerator<RankedEntity> GetEnumerator()
        {
            for (var rank = 0; rank < order.Length; rank++)
            {
                yield return this[rank];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Sorts order[from..to), the ranks before <paramref name="from"/> being in place and all lower.</summary>
        private void SortFrom(int from, int to)
        {
            if (sorted >= to)
            {
                return;
            }

            var range = order.AsSpan(from, to - from);
            var rangeKeys = new ulong[range.Length];
            for (var i = 0; i < range.Length; i++)
            {
                rangeKeys[i] = keys[range[i]];
            }

            Sort(tickets, rangeKeys, range, index => pool.IdAt(start + index));
            sorted = to;
        }
    }

    private static int Compare(ReadOnlySpan<byte> leftTicket, string leftId, ReadOnlySpan<byte> rightTicket, string rightId)
    {
        var byTicket = DrawEncoding.CompareBytes(leftTicket, rightTicket);
        return byTicket != 0 ? byTicket : DrawEncoding.CompareBytes(DrawEncoding.Enc(leftId), DrawEncoding.Enc(rightId));
    }
}
