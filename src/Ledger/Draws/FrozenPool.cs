using System.Buffers.Binary;
using System.Text;
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
/// A million members are held as one byte string, the layout <see cref="Copy"/> returns (for each stratum in leaf
/// order, enc(h) || u32be(N_h) || enc(id) for each of its members in leaf order), and the offset of each member's
/// enc(id) in it: leaves and tickets are written from those bytes, and an <see cref="EntityMember"/> is made only when
/// one is read. Freezing groups the members by stratum and sorts each run by its ids (by integer keys when the ids
/// allow it, see <see cref="PackedKeys"/>).
/// </remarks>
public sealed class EntityPool
{
    private readonly byte[] layout;
    private readonly int[] idAt; // where each member's enc(id) starts in the layout, in leaf order
    private readonly Run[] runs; // in leaf order

    /// <summary>A stratum's run: its label, where enc(label) lies in the layout, and which members it holds.</summary>
    private sealed record Run(string Stratum, int LabelAt, int Start, int Count);

    private EntityPool(byte[] layout, int[] idAt, Run[] runs)
    {
        this.layout = layout;
        this.idAt = idAt;
        this.runs = runs;
        Members = new MemberList(this);
        Strata = [.. runs.Select(run => new StratumCount(run.Stratum, run.Count)).OrderBy(count => count.Stratum, DrawEncoding.Utf8Order)];
        var longest = runs.Length == 0 ? 0 : runs.Max(run => EncodedAt(run.LabelAt).Length) + idAt.Max(at => EncodedAt(at).Length);
        Root = MerkleTree.RootOfLeaves(idAt.Length, LeafLead.Length + longest, WriteLeaf);
    }

    /// <summary>The members in leaf order (each made when it is read).</summary>
    public IReadOnlyList<EntityMember> Members { get; }

    /// <summary>The leaves in ascending bytewise order (encoded on each call).</summary>
    public IReadOnlyList<byte[]> Leaves => [.. Enumerable.Range(0, Count).Select(index =>
    {
        var leaf = new byte[LeafLead.Length + EncodedAt(RunOf(index).LabelAt).Length + EncodedId(index).Length];
        WriteLeaf(index, leaf);
        return leaf;
    })];

    public byte[] Root { get; }

    public int Count => idAt.Length;

    /// <summary>Strata in ascending UTF-8 byte order of their labels, with their sizes N_h.</summary>
    public IReadOnlyList<StratumCount> Strata { get; }

    /// <summary>Where the members of <paramref name="stratum"/> lie in <see cref="Members"/>.</summary>
    internal (int Start, int Count) RangeOf(string stratum)
    {
        var run = runs.First(run => run.Stratum == stratum);
        return (run.Start, run.Count);
    }

    /// <summary>enc(id) of the member at <paramref name="index"/> in leaf order.</summary>
    internal ReadOnlySpan<byte> EncodedId(int index) => EncodedAt(idAt[index]);

    /// <summary>The id of the member at <paramref name="index"/> in leaf order.</summary>
    internal string IdAt(int index) => DrawEncoding.Decode(EncodedId(index)[4..]);

    /// <summary>
    /// The members as one byte string, to be kept beside the freeze and restored by <see cref="Restore"/>: for each
    /// stratum in leaf order, enc(h) || u32be(N_h) || enc(id) for each of its members in leaf order.
    /// </summary>
    public byte[] Copy() => layout.ToArray();

    /// <summary>
    /// The pool a <see cref="Copy"/> holds, its members taken in the order given. The copy is not trusted: the pool's
    /// root is computed from the members restored, so whoever restores a kept copy compares it with the frozen root.
    /// </summary>
    public static EntityPool Restore(ReadOnlySpan<byte> copy)
    {
        var runs = new List<Run>();
        var idAt = new List<int>();
        var at = 0;
        byte[]? previous = null;
        while (at < copy.Length)
        {
            var labelAt = at;
            var label = ReadEncoded(copy, ref at);
            if (previous is not null && DrawEncoding.CompareBytes(copy.Slice(labelAt, at - labelAt), previous) <= 0)
            {
                throw Unreadable("its strata are not in ascending order");
            }

            previous = copy[labelAt..at].ToArray();
            var stratum = Decode(label);
            if (copy.Length - at < 4 || BinaryPrimitives.ReadUInt32BigEndian(copy[at..]) is 0 or > int.MaxValue)
            {
                throw Unreadable($"stratum '{stratum}' has no member count");
            }

            var count = (int)BinaryPrimitives.ReadUInt32BigEndian(copy[at..]);
            at += 4;
            runs.Add(new Run(stratum, labelAt, idAt.Count, count));
            for (var i = 0; i < count; i++)
            {
                idAt.Add(at);
                if (!System.Text.Unicode.Utf8.IsValid(ReadEncoded(copy, ref at)))
                {
                    throw Unreadable($"an id of stratum '{stratum}' is not UTF-8");
                }
            }
        }

        return new EntityPool(copy.ToArray(), [.. idAt], [.. runs]);
    }

    public static EntityPool Freeze(IEnumerable<EntityMember> members)
    {
        var grouped = new Dictionary<string, List<EntityMember>>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!grouped.TryGetValue(member.Stratum, out var run))
            {
                grouped.Add(member.Stratum, run = []);
            }

            run.Add(member);
        }

        // Every leaf of stratum h starts with enc("entity") || enc(h): the runs go in the bytewise order of enc(h).
        var sortedRuns = grouped.OrderBy(run => DrawEncoding.Enc(run.Key), DrawEncoding.BytewiseOrder)
            .Select(run => run.Value.ToArray())
            .Select(run => (Members: run, Keys: SortById(run)))
            .ToList();
        if (InTwoStrata(sortedRuns) is { } twice)
        {
            throw DomainException.Invalid("entities", $"entity '{twice.Id}' is in more than one stratum");
        }

        // Sized for ids as long as each run's first one (the directory's USCCs all are); grown when they are longer.
        var layout = new byte[Math.Min(Array.MaxLength, sortedRuns.Sum(run => 64 + (run.Members.Length * (4L + Encoding.UTF8.GetByteCount(run.Members[0].Id)))))];
        var written = 0;
        var idAt = new int[sortedRuns.Sum(run => run.Members.Length)];
        var runs = new Run[sortedRuns.Count];
        for (var r = 0; r < sortedRuns.Count; r++)
        {
            var run = sortedRuns[r].Members;
            var stratum = run[0].Stratum;
            var start = r == 0 ? 0 : runs[r - 1].Start + runs[r - 1].Count;
            Reserve(ref layout, written + DrawEncoding.MaxEncodedLength(stratum) + 4);
            runs[r] = new Run(stratum, written, start, run.Length);
            written += DrawEncoding.WriteNfc(layout.AsSpan(written), stratum);
            BinaryPrimitives.WriteUInt32BigEndian(layout.AsSpan(written), (uint)run.Length);
            written += 4;
            for (var i = 0; i < run.Length; i++)
            {
                Reserve(ref layout, written + DrawEncoding.MaxEncodedLength(run[i].Id));
                idAt[start + i] = written;
                written += DrawEncoding.WriteNfc(layout.AsSpan(written), run[i].Id);
            }
        }

        return new EntityPool(layout[..written], idAt, runs);
    }

    private static void Reserve(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, Math.Max(length, 2L * buffer.Length)));
        }
    }

    /// <summary>enc(x) at <paramref name="at"/> in the layout (the length prefix included).</summary>
    private ReadOnlySpan<byte> EncodedAt(int at) => layout.AsSpan(at, 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(layout.AsSpan(at)));

    private Run RunOf(int index)
    {
        var (low, high) = (0, runs.Length - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = runs[middle].Start <= index ? (middle, high) : (low, middle - 1);
        }

        return runs[low];
    }

    /// <summary>Writes the leaf of the member at <paramref name="index"/> at the start of <paramref name="leaf"/>; returns its length.</summary>
    private int WriteLeaf(int index, Span<byte> leaf)
    {
        LeafLead.CopyTo(leaf);
        var label = EncodedAt(RunOf(index).LabelAt);
        label.CopyTo(leaf[LeafLead.Length..]);
        var id = EncodedId(index);
        id.CopyTo(leaf[(LeafLead.Length + label.Length)..]);
        return LeafLead.Length + label.Length + id.Length;
    }

    /// <summary>Takes enc(x) at <paramref name="at"/> of <paramref name="copy"/>, moves past it and returns x.</summary>
    private static ReadOnlySpan<byte> ReadEncoded(ReadOnlySpan<byte> copy, ref int at)
    {
        if (copy.Length - at < 4 || BinaryPrimitives.ReadUInt32BigEndian(copy[at..]) > (uint)(copy.Length - at - 4))
        {
            throw Unreadable("it ends inside a value");
        }

        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(copy[at..]);
        var value = copy.Slice(at + 4, length);
        at += 4 + length;
        return value;
    }

    private static string Decode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return DrawEncoding.Decode(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw Unreadable("it holds a value that is not UTF-8");
        }
    }

    private static DomainException Unreadable(string reason) =>
        DomainException.Conflict("pool", $"冻结对象池的留存副本无法读取 / the kept copy of the frozen pool is unreadable: {reason}");

    private static readonly byte[] LeafLead = DrawEncoding.Enc("entity");

    /// <summary>The members, each made from the layout when it is read.</summary>
    private sealed class MemberList(EntityPool pool) : IReadOnlyList<EntityMember>
    {
        public int Count => pool.Count;

        public EntityMember this[int index] => new(pool.RunOf(index).Stratum, pool.IdAt(index));

        public IEnumerator<EntityMember> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
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
