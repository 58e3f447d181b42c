using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// A frozen pool: its members in ascending bytewise order of their leaves, the leaves, and the RFC 6962 root over
/// them. The same members in any input order give the same pool; two members with the same leaf are an error.
/// </summary>
public class FrozenPool<TMember>
{
    /// <param name="leaf">The member's leaf bytes; called once per member, possibly on several threads at once.</param>
    protected FrozenPool(IEnumerable<TMember> members, Func<TMember, byte[]> leaf, string field)
    {
        var given = members.ToArray();
        var unsorted = new byte[given.Length][];
        Chunks.For(given.Length, LeafChunkSize, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                unsorted[i] = leaf(given[i]);
            }
        });
        var (leaves, sorted) = Sort(unsorted, given);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (leaves[i - 1].AsSpan().SequenceEqual(leaves[i]))
            {
                throw DomainException.Invalid(field, $"{field} holds the member {sorted[i]} twice");
            }
        }

        Members = Array.AsReadOnly(sorted);
        Leaves = Array.AsReadOnly(leaves);
        Root = MerkleTree.RootOfLeafData(leaves);
    }

    public IReadOnlyList<TMember> Members { get; }

    public IReadOnlyList<byte[]> Leaves { get; }

    public byte[] Root { get; }

    public int Count => Members.Count;

    private const int LeafChunkSize = 16384;

    /// <summary>Pools of at least twice this many members are sorted as two halves, one per core, then merged.</summary>
    private const int ParallelSortHalf = 8192;

    /// <summary>Sorts the leaves, and the members with them, in ascending bytewise order of the leaves.</summary>
    private static (byte[][] Leaves, TMember[] Members) Sort(byte[][] leaves, TMember[] members)
    {
        var half = leaves.Length / 2;
        if (half < ParallelSortHalf)
        {
            Array.Sort(leaves, members, LeafOrder.Instance);
            return (leaves, members);
        }

        Parallel.Invoke(
            () => Array.Sort(leaves, members, 0, half, LeafOrder.Instance),
            () => Array.Sort(leaves, members, half, leaves.Length - half, LeafOrder.Instance));
        var mergedLeaves = new byte[leaves.Length][];
        var mergedMembers = new TMember[members.Length];
        for (int k = 0, left = 0, right = half; k < leaves.Length; k++)
        {
            var fromLeft = right == leaves.Length || (left < half && DrawEncoding.CompareBytes(leaves[left], leaves[right]) <= 0);
            var from = fromLeft ? left++ : right++;
            mergedLeaves[k] = leaves[from];
            mergedMembers[k] = members[from];
        }

        return (mergedLeaves, mergedMembers);
    }

    /// <summary>The one order of DRAW-v1 (ascending unsigned bytewise) on leaves.</summary>
    private sealed class LeafOrder : IComparer<byte[]>
    {
        public static readonly LeafOrder Instance = new();

        public int Compare(byte[]? left, byte[]? right) => DrawEncoding.CompareBytes(left, right);
    }
}

/// <summary>What a commitment states of a frozen pool: its root, its size and, for the entity pool, its strata.</summary>
public sealed record PoolSummary(byte[] Root, int Count, IReadOnlyList<StratumCount> Strata)
{
    public static PoolSummary Of<TMember>(FrozenPool<TMember> pool) =>
        new(pool.Root, pool.Count, pool is EntityPool entities ? entities.Strata : []);
}

/// <summary>How many entities a stratum holds.</summary>
public sealed record StratumCount(string Stratum, int Count);

/// <summary>The frozen entity pool. An entity id may appear in one stratum only.</summary>
public sealed class EntityPool : FrozenPool<EntityMember>
{
    private readonly Dictionary<string, (int Start, int Count)> ranges = new(StringComparer.Ordinal);

    private EntityPool(IEnumerable<EntityMember> members)
        : base(members, member => member.Leaf(), "entities")
    {
        // Every leaf of stratum h starts with enc("entity") || enc(h), so each stratum is one run of the sorted members.
        for (var start = 0; start < Count;)
        {
            var end = start + 1;
            while (end < Count && Members[end].Stratum == Members[start].Stratum)
            {
                end++;
            }

            ranges.Add(Members[start].Stratum, (start, end - start));
            start = end;
        }

        if (AnIdIsInTwoStrata())
        {
            var twice = Members.GroupBy(member => member.Id, StringComparer.Ordinal).First(group => group.Count() > 1);
            throw DomainException.Invalid("entities", $"entity '{twice.Key}' is in more than one stratum");
        }

        Strata = [.. ranges.Select(range => new StratumCount(range.Key, range.Value.Count)).OrderBy(count => count.Stratum, DrawEncoding.Utf8Order)];
    }

    /// <summary>Strata in ascending UTF-8 byte order of their labels, with their sizes N_h.</summary>
    public IReadOnlyList<StratumCount> Strata { get; }

    /// <summary>Where the members of <paramref name="stratum"/> lie in <see cref="FrozenPool{TMember}.Members"/>.</summary>
    internal (int Start, int Count) RangeOf(string stratum) => ranges[stratum];

    public static EntityPool Freeze(IEnumerable<EntityMember> members) => new(members);

    /// <summary>
    /// Whether an id is in two strata. Within its run a stratum's leaves differ only in their last part, enc(id), so each
    /// run is in ascending order of enc(id), and merging the runs brings equal ids next to each other (a k-way merge
    /// touches each leaf once, which is cheaper than hashing every id).
    /// </summary>
    private bool AnIdIsInTwoStrata()
    {
        var heads = new PriorityQueue<(int Index, int End, int Offset), ReadOnlyMemory<byte>>(
            Comparer<ReadOnlyMemory<byte>>.Create((left, right) => DrawEncoding.CompareBytes(left.Span, right.Span)));
        foreach (var (stratum, (start, count)) in ranges)
        {
            var offset = DrawEncoding.EncNfc("entity", stratum).Length;
            heads.Enqueue((start, start + count, offset), Leaves[start].AsMemory(offset));
        }

        var previous = ReadOnlyMemory<byte>.Empty;
        while (heads.TryDequeue(out var head, out var id))
        {
            if (id.Span.SequenceEqual(previous.Span))
            {
                return true;
            }

            previous = id;
            if (head.Index + 1 < head.End)
            {
                heads.Enqueue((head.Index + 1, head.End, head.Offset), Leaves[head.Index + 1].AsMemory(head.Offset));
            }
        }

        return false;
    }
}

/// <summary>The frozen inspector pool. An inspector id may appear once.</summary>
public sealed class InspectorPool : FrozenPool<InspectorMember>
{
    private InspectorPool(IEnumerable<InspectorMember> members)
        : base(members, member => member.Leaf(), "inspectors")
    {
        var twice = Members.GroupBy(member => member.Id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (twice is not null)
        {
            throw DomainException.Invalid("inspectors", $"inspector '{twice.Key}' is listed more than once");
        }
    }

    public static InspectorPool Freeze(IEnumerable<InspectorMember> members) => new(members);
}

/// <summary>The frozen set of declared conflicts of interest.</summary>
public sealed class ConflictPool : FrozenPool<ConflictPair>
{
    private readonly HashSet<(string InspectorId, string EntityId)> pairs;

    private ConflictPool(IEnumerable<ConflictPair> members)
        : base(members, member => member.Leaf(), "conflicts") =>
        pairs = [.. Members.Select(pair => (pair.InspectorId, pair.EntityId))];

    public bool Declared(string inspectorId, string entityId) => pairs.Contains((inspectorId, entityId));

    public static ConflictPool Freeze(IEnumerable<ConflictPair> members) => new(members);
}
