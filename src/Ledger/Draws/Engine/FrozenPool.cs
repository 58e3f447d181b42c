using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws.Engine;

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
/// one is read. <see cref="EntityPoolBuilder"/> freezes members into one.
/// </remarks>
public sealed class EntityPool
{
    private readonly byte[] layout;
    private readonly int[] idAt; // where each member's enc(id) starts in the layout, in leaf order
    private readonly Run[] runs; // in leaf order
    private readonly Lazy<byte[]> root;
    private readonly Lazy<string> copySha256;

    /// <summary>A stratum's run: its label, where enc(label) lies in the layout, and which members it holds.</summary>
    internal sealed record Run(string Stratum, int LabelAt, int Start, int Count);

    /// <param name="layout">The members as <see cref="Copy"/> lays them out.</param>
    /// <param name="idAt">Where each member's enc(id) starts in <paramref name="layout"/>, in leaf order.</param>
    /// <param name="runs">The strata in leaf order.</param>
    /// <param name="root">
    /// The root: computed from the leaf hashes when first read, or given when a digest in the ledger vouches for
    /// <paramref name="layout"/>.
    /// </param>
    internal EntityPool(byte[] layout, int[] idAt, Run[] runs, Lazy<byte[]> root)
    {
        this.layout = layout;
        this.idAt = idAt;
        this.runs = runs;
        Members = new MemberList(this);
        Strata = [.. runs.Select(run => new StratumCount(run.Stratum, run.Count)).OrderBy(count => count.Stratum, DrawEncoding.Utf8Order)];
        this.root = root;
        copySha256 = new Lazy<string>(() => Convert.ToHexStringLower(SHA256.HashData(layout)));
    }

    /// <summary>The members in leaf order (each made when it is read).</summary>
    public IReadOnlyList<EntityMember> Members { get; }

    /// <summary>The leaves in ascending bytewise order (encoded on each call).</summary>
    public IReadOnlyList<byte[]> Leaves => [.. Members.Select(member => member.Leaf())];

    /// <summary>The RFC 6962 root over the leaves, computed when it is first read (a freeze reads it while its copy is written).</summary>
    public byte[] Root => root.Value;

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
    public ReadOnlyMemory<byte> Copy() => layout;

    /// <summary>SHA-256 of <see cref="Copy"/> in lowercase hex: what <see cref="PoolCopyKept"/> records of a kept copy.</summary>
    public string CopySha256 => copySha256.Value;

    /// <summary>The length of <see cref="Copy"/> in bytes.</summary>
    public int CopyLength => layout.Length;

    /// <summary>
    /// The pool a kept <see cref="Copy"/> holds, its members taken in the order given. The copy is not trusted: it is
    /// used only if its SHA-256 is the one <paramref name="kept"/> recorded in the ledger beside the frozen root, and
    /// then it is the pool that root was computed over at the freeze, so the root is not computed again. The pool
    /// takes <paramref name="copy"/> as its layout (a million members are 19 MB): the caller must not change it.
    /// </summary>
    public static EntityPool Restore(byte[] copy, PoolCopyKept kept)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(copy));
        if (digest != kept.CopySha256)
        {
            throw DomainException.Conflict("pool", $"冻结对象池留存副本的摘要{digest}与账本记录的{kept.CopySha256}不一致 / the kept copy of the frozen pool has SHA-256 {digest}, not the {kept.CopySha256} the ledger recorded");
        }

        ReadOnlySpan<byte> bytes = copy;
        var runs = new List<Run>();
        var idAt = new List<int>();
        var at = 0;
        byte[]? previous = null;
        while (at < bytes.Length)
        {
            var labelAt = at;
            var label = ReadEncoded(bytes, ref at);
            if (previous is not null && DrawEncoding.CompareBytes(bytes.Slice(labelAt, at - labelAt), previous) <= 0)
            {
                throw Unreadable("its strata are not in ascending order");
            }

            previous = bytes[labelAt..at].ToArray();
            var stratum = Decode(label);
            if (bytes.Length - at < 4 || BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]) is 0 or > int.MaxValue)
            {
                throw Unreadable($"stratum '{stratum}' has no member count");
            }

            var count = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
            at += 4;
            runs.Add(new Run(stratum, labelAt, idAt.Count, count));
            for (var i = 0; i < count; i++)
            {
                idAt.Add(at);
                if (!System.Text.Unicode.Utf8.IsValid(ReadEncoded(bytes, ref at)))
                {
                    throw Unreadable($"an id of stratum '{stratum}' is not UTF-8");
                }
            }
        }

        return new EntityPool(copy, [.. idAt], [.. runs], new Lazy<byte[]>(Convert.FromHexString(kept.EntityRoot)));
    }

    public static EntityPool Freeze(IEnumerable<EntityMember> members) => EntityPoolBuilder.From(members).Freeze();

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
