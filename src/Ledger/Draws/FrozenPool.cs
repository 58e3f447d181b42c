using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// A frozen pool: its members in ascending bytewise order of their leaves, the leaves, and the RFC 6962 root over
/// them. The same members in any input order give the same pool; two members with the same leaf are an error.
/// </summary>
public class FrozenPool<TMember>
{
    /// <param name="leaf">The member's leaf bytes.</param>
    protected FrozenPool(IEnumerable<TMember> members, Func<TMember, byte[]> leaf, string field)
    {
        var sorted = members.ToArray();
        var leaves = Array.ConvertAll(sorted, member => leaf(member));
        Array.Sort(leaves, sorted, DrawEncoding.BytewiseOrder);
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
}

/// <summary>What a commitment states of a frozen pool: its root, its size and, for the entity pool, its strata.</summary>
public sealed record PoolSummary(byte[] Root, int Count, IReadOnlyList<StratumCount> Strata)
{
    public static PoolSummary Of<TMember>(FrozenPool<TMember> pool) => new(pool.Root, pool.Count, []);

    public static PoolSummary Of(EntityPool pool) => new(pool.Root, pool.Count, pool.Strata);
}

/// <summary>How many entities a stratum holds.</summary>
public sealed record StratumCount(string Stratum, int Count);

/// <summary>
/// The frozen entity pool: its members in ascending bytewise order of their leaves enc("entity") || enc(h) || enc(id),
/// so each stratum is one run in enc(id) order, and the RFC 6962 root over the leaves. The same members in any input
/// order give the same pool. An entity id may appear once, in one stratum.
/// </summary>
/// <remarks>
/// A million members are frozen without a leaf array each: members are grouped by stratum, each run is sorted by its
/// ids (by integer keys when the ids allow it, see <see cref="PackedKeys"/>), and the leaves are encoded straight into
/// the buffer they are hashed from.
/// </remarks>
public sealed class EntityPool
{
    private readonly EntityMember[] members;
    private readonly Dictionary<string, (int Start, int Count)> ranges;

    private EntityPool(EntityMember[] members, Dictionary<string, (int Start, int Count)> ranges)
    {
        this.members = members;
        this.ranges = ranges;
        Members = Array.AsReadOnly(members);
        Strata = [.. ranges.Select(range => new StratumCount(range.Key, range.Value.Count)).OrderBy(count => count.Stratum, DrawEncoding.Utf8Order)];
        var longest = members.Length == 0 ? 0 : members.Max(member => DrawEncoding.MaxEncodedLength(member.Stratum) + DrawEncoding.MaxEncodedLength(member.Id));
        Root = MerkleTree.RootOfLeaves(members.Length, LeafLead.Length + longest, (index, leaf) => WriteLeaf(members[index], leaf));
    }

    /// <summary>The members in leaf order.</summary>
    public IReadOnlyList<EntityMember> Members { get; }

    /// <summary>The leaves in ascending bytewise order (encoded on each call).</summary>
    public IReadOnlyList<byte[]> Leaves => [.. members.Select(member => member.Leaf())];

    public byte[] Root { get; }

    public int Count => members.Length;

    /// <summary>Strata in ascending UTF-8 byte order of their labels, with their sizes N_h.</summary>
    public IReadOnlyList<StratumCount> Strata { get; }

    /// <summary>Where the members of <paramref name="stratum"/> lie in <see cref="Members"/>.</summary>
    internal (int Start, int Count) RangeOf(string stratum) => ranges[stratum];

    public static EntityPool Freeze(IEnumerable<EntityMember> members)
    {
        var runs = new Dictionary<string, List<EntityMember>>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!runs.TryGetValue(member.Stratum, out var run))
            {
                runs.Add(member.Stratum, run = []);
            }

            run.Add(member);
        }

        // Every leaf of stratum h starts with enc("entity") || enc(h): the runs go in the bytewise order of enc(h).
        var sortedRuns = runs.OrderBy(run => DrawEncoding.Enc(run.Key), DrawEncoding.BytewiseOrder)
            .Select(run => run.Value.ToArray())
            .Select(run => (Members: run, Keys: SortById(run)))
            .ToList();
        var sorted = new EntityMember[sortedRuns.Sum(run => run.Members.Length)];
        var ranges = new Dictionary<string, (int Start, int Count)>(StringComparer.Ordinal);
        var start = 0;
        foreach (var (run, _) in sortedRuns)
        {
            run.CopyTo(sorted, start);
            ranges.Add(run[0].Stratum, (start, run.Length));
            start += run.Length;
        }

        if (InTwoStrata(sortedRuns) is { } twice)
        {
            throw DomainException.Invalid("entities", $"entity '{twice.Id}' is in more than one stratum");
        }

        return new EntityPool(sorted, ranges);
    }

    private static readonly byte[] LeafLead = DrawEncoding.Enc("entity");

    /// <summary>Writes the leaf of <paramref name="member"/> at the start of <paramref name="leaf"/>; returns its length.</summary>
    private static int WriteLeaf(EntityMember member, Span<byte> leaf)
    {
        LeafLead.CopyTo(leaf);
        var length = LeafLead.Length + DrawEncoding.WriteNfc(leaf[LeafLead.Length..], member.Stratum);
        return length + DrawEncoding.WriteNfc(leaf[length..], member.Id);
    }

    /// <summary>
    /// Sorts one stratum's members by enc(id), an id listed twice being an error. Returns the packed keys in the new
    /// order, or null when the ids could not be packed (see <see cref="PackedKeys"/>).
    /// </summary>
    private static UInt128[]? SortById(EntityMember[] run)
    {
        if (PackedKeys(run) is { } keys)
        {
            Array.Sort(keys, run);
            for (var i = 1; i < keys.Length; i++)
            {
                if (keys[i] == keys[i - 1])
                {
                    throw Twice(run[i]);
                }
            }

            return keys;
        }

        var encoded = run.Select(member => DrawEncoding.Enc(member.Id)).ToArray();
        Array.Sort(encoded, run, DrawEncoding.BytewiseOrder);
        for (var i = 1; i < encoded.Length; i++)
        {
            if (encoded[i].AsSpan().SequenceEqual(encoded[i - 1]))
            {
                throw Twice(run[i]);
            }
        }

        return null;
    }

    /// <summary>
    /// An entity whose id is in two of the sorted <paramref name="runs"/>, or null. When every run has packed keys, equal
    /// ids are equal keys of ids of one length, found by merging the runs of each id length in key order; otherwise by
    /// a set of the ids.
    /// </summary>
    private static EntityMember? InTwoStrata(List<(EntityMember[] Members, UInt128[]? Keys)> runs)
    {
        if (runs.Count < 2)
        {
            return null;
        }

        if (runs.Any(run => run.Keys is null))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return runs.SelectMany(run => run.Members).FirstOrDefault(member => !seen.Add(member.Id));
        }

        foreach (var length in runs.GroupBy(run => run.Members[0].Id.Length))
        {
            var merged = length.Select(run => (Keys: run.Keys!, run.Members, Next: 0)).ToArray();
            UInt128? previous = null;
            while (true)
            {
                var smallest = -1;
                for (var r = 0; r < merged.Length; r++)
                {
                    if (merged[r].Next < merged[r].Keys.Length && (smallest < 0 || merged[r].Keys[merged[r].Next] < merged[smallest].Keys[merged[smallest].Next]))
                    {
                        smallest = r;
                    }
                }

                if (smallest < 0)
                {
                    break;
                }

                var key = merged[smallest].Keys[merged[smallest].Next];
                if (key == previous)
                {
                    return merged[smallest].Members[merged[smallest].Next];
                }

                previous = key;
                merged[smallest].Next++;
            }
        }

        return null;
    }

    private static DomainException Twice(EntityMember member) =>
        DomainException.Invalid("entities", $"entities holds the member {member} twice");

    /// <summary>The longest ids <see cref="PackedKeys"/> packs: 18 characters of 7 bits fit in 128 bits (a USCC is 18).</summary>
    private const int PackedLength = 18;

    /// <summary>
    /// Integer keys in the order of enc(id), when every id of the run is ASCII and all have the same length of at most
    /// <see cref="PackedLength"/> characters (the USCCs of the directory): 7 bits per character, the first nine in the
    /// upper half, so comparing keys compares the ids character by character, which for ids of one length is the order
    /// of enc(id). Otherwise null, and the run is sorted by its encoded ids.
    /// </summary>
    private static UInt128[]? PackedKeys(EntityMember[] run)
    {
        var length = run[0].Id.Length;
        if (length > PackedLength)
        {
            return null;
        }

        var keys = new UInt128[run.Length];
        for (var i = 0; i < run.Length; i++)
        {
            var id = run[i].Id;
            if (id.Length != length)
            {
                return null;
            }

            ulong upper = 0, lower = 0;
            for (var c = 0; c < id.Length; c++)
            {
                if (id[c] >= 0x80)
                {
                    return null;
                }

                if (c < PackedLength / 2)
                {
                    upper = (upper << 7) | id[c];
                }
                else
                {
                    lower = (lower << 7) | id[c];
                }
            }

            keys[i] = new UInt128(upper, lower);
        }

        return keys;
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
