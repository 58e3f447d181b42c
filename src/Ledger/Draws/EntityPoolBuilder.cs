using System.Buffers.Binary;
using System.Security.Cryptography;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// Collects the members of an entity pool one at a time (a directory read adds a million rows) and freezes them into an
/// <see cref="EntityPool"/>. While every id of a stratum is ASCII and all have one length of at most
/// <see cref="PackedLength"/> characters (the directory's USCCs), the stratum keeps only integer keys packed from its
/// ids, which sort in the order of enc(id) and give the ids back; otherwise it keeps the ids themselves. Each member's
/// RFC 6962 leaf hash is computed as it is added (a leaf does not depend on the order), so that hashing overlaps the
/// directory read and the freeze only has the tree's inner nodes left to compute.
/// </summary>
public sealed class EntityPoolBuilder
{
    /// <summary>The longest ids a key packs: 18 characters of 7 bits fit in 128 bits (a USCC is 18).</summary>
    private const int PackedLength = 18;

    private readonly Dictionary<string, StratumRun> runs = new(StringComparer.Ordinal);

    public static EntityPoolBuilder From(IEnumerable<EntityMember> members)
    {
        var builder = new EntityPoolBuilder();
        foreach (var member in members)
        {
            builder.Add(member.Stratum, member.Id);
        }

        return builder;
    }

    /// <summary>Adds the entity <paramref name="id"/> drawn in <paramref name="stratum"/> (labels: non-empty, taken in NFC).</summary>
    public void Add(string stratum, string id)
    {
        if (!runs.TryGetValue(stratum, out var run))
        {
            var label = DrawMembers.Label(stratum, "stratum");
            if (!runs.TryGetValue(label, out run))
            {
                runs.Add(label, run = new StratumRun(label));
            }
        }

        run.Add(id);
    }

    /// <summary>
    /// The frozen pool: strata in the bytewise order of enc(h) (every leaf of stratum h starts with enc("entity") ||
    /// enc(h)), each run in the order of enc(id). An id listed twice, or in two strata, is an error.
    /// </summary>
    public EntityPool Freeze()
    {
        var ordered = runs.Values.OrderBy(run => DrawEncoding.Enc(run.Stratum), DrawEncoding.BytewiseOrder).ToList();
        // The runs are sorted side by side; of several holding an id twice, the first in leaf order is reported.
        var twiceIn = new DomainException?[ordered.Count];
        Parallel.For(0, ordered.Count, r =>
        {
            try
            {
                ordered[r].Sort();
            }
            catch (DomainException twice)
            {
                twiceIn[r] = twice;
            }
        });
        if (twiceIn.FirstOrDefault(twice => twice is not null) is { } first)
        {
            throw first;
        }

        if (InTwoStrata(ordered) is { } twice)
        {
            throw DomainException.Invalid("entities", $"entity '{twice}' is in more than one stratum");
        }

        var count = ordered.Sum(run => run.Count);
        var layout = new byte[ordered.Sum(run => (long)DrawEncoding.Enc(run.Stratum).Length + 4 + run.EncodedLength)];
        var idAt = new int[count];
        var leafHashes = new byte[checked(count * MerkleTree.HashSize)];
        var laid = new EntityPool.Run[ordered.Count];
        var (written, start) = (0, 0);
        for (var r = 0; r < ordered.Count; r++)
        {
            var run = ordered[r];
            laid[r] = new EntityPool.Run(run.Stratum, written, start, run.Count);
            written += DrawEncoding.WriteNfc(layout.AsSpan(written), run.Stratum);
            BinaryPrimitives.WriteUInt32BigEndian(layout.AsSpan(written), (uint)run.Count);
            written += 4;
            written = run.Write(layout, written, idAt.AsSpan(start, run.Count));
            run.SortedLeafHashes.CopyTo(leafHashes.AsSpan(start * MerkleTree.HashSize));
            start += run.Count;
        }

        return new EntityPool(layout, idAt, laid, new Lazy<byte[]>(() => MerkleTree.RootOfLeafHashes(leafHashes, count)));
    }

    /// <summary>
    /// An id in two of the sorted <paramref name="ordered"/> runs, or null. When every run has packed keys, equal ids are
    /// equal keys of ids of one length, found by merging the runs of each id length in key order; otherwise by a set of
    /// the ids.
    /// </summary>
    private static string? InTwoStrata(List<StratumRun> ordered)
    {
        if (ordered.Count < 2)
        {
            return null;
        }

        if (ordered.Any(run => run.Keys is null))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return ordered.SelectMany(run => run.Ids()).FirstOrDefault(id => !seen.Add(id));
        }

        foreach (var length in ordered.GroupBy(run => run.IdLength))
        {
            var merged = length.Select(run => (Keys: run.Keys!, Next: 0)).ToArray();
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
                    return Unpack(key, length.Key);
                }

                previous = key;
                merged[smallest].Next++;
            }
        }

        return null;
    }

    /// <summary>
    /// The key of <paramref name="id"/>: 7 bits per character, the first nine in the upper half, so comparing the keys of
    /// ids of one length compares the ids character by character, which is the order of their enc(id). Null when the id
    /// is empty, longer than <see cref="PackedLength"/> or not ASCII.
    /// </summary>
    private static UInt128? Pack(string id)
    {
        if (id.Length is 0 or > PackedLength)
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

        return new UInt128(upper, lower);
    }

    /// <summary>Writes the <paramref name="length"/> ASCII bytes of the id packed in <paramref name="key"/>.</summary>
    private static void Unpack(UInt128 key, int length, Span<byte> id)
    {
        var (upper, lower) = unchecked(((ulong)(key >> 64), (ulong)key));
        var inUpper = Math.Min(length, PackedLength / 2);
        for (var c = inUpper - 1; c >= 0; c--, upper >>= 7)
        {
            id[c] = (byte)(upper & 0x7f);
        }

        for (var c = length - 1; c >= inUpper; c--, lower >>= 7)
        {
            id[c] = (byte)(lower & 0x7f);
        }
    }

    private static string Unpack(UInt128 key, int length)
    {
        Span<byte> id = stackalloc byte[PackedLength];
        Unpack(key, length, id[..length]);
        return DrawEncoding.Decode(id[..length]);
    }

    /// <summary>One stratum's members: packed keys while its ids allow, else the ids; and their leaf hashes.</summary>
    private sealed class StratumRun(string stratum)
    {
        /// <summary>One hasher per thread: a reused <see cref="IncrementalHash"/> costs less per call than a one-shot hash.</summary>
        [ThreadStatic]
        private static IncrementalHash? leafHasher;

        /// <summary>0x00 || enc("entity") || enc(h), then room for enc(id): the input of a member's leaf hash.</summary>
        private byte[] leafInput = LeafLead(stratum);
        private readonly int leadLength = LeafLead(stratum).Length;
        private List<UInt128>? packed = [];
        private List<string>? ids;
        private byte[][]? encoded;
        private byte[] leafHashes = new byte[64 * MerkleTree.HashSize]; // in the order members were added

        public string Stratum => stratum;

        /// <summary>The members' leaf hashes in leaf order (after <see cref="Sort"/>).</summary>
        public ReadOnlySpan<byte> SortedLeafHashes => leafHashes.AsSpan(0, Count * MerkleTree.HashSize);

        /// <summary>The sorted keys, when every id was packed (after <see cref="Sort"/>).</summary>
        public UInt128[]? Keys { get; private set; }

        /// <summary>The one length of the packed ids.</summary>
        public int IdLength { get; private set; }

        public int Count => packed?.Count ?? ids!.Count;

        /// <summary>The bytes of enc(id) over the run's ids.</summary>
        public long EncodedLength => Keys is not null ? Keys.Length * (4L + IdLength) : encoded!.Sum(id => (long)id.Length);

        public void Add(string id)
        {
            if (packed is not null)
            {
                if ((packed.Count == 0 || id.Length == IdLength) && Pack(id) is { } key)
                {
                    HashLeaf(id); // ASCII: already in NFC
                    packed.Add(key);
                    IdLength = id.Length;
                    return;
                }

                ids = [.. packed.Select(key => Unpack(key, IdLength))];
                packed = null;
            }

            var label = DrawMembers.Label(id, "entityId");
            HashLeaf(label);
            ids!.Add(label);
        }

        /// <summary>Appends SHA-256(0x00 || enc("entity") || enc(h) || enc(<paramref name="id"/>)), the id in NFC.</summary>
        private void HashLeaf(string id)
        {
            var length = leadLength + DrawEncoding.MaxEncodedLength(id);
            if (leafInput.Length < length)
            {
                Array.Resize(ref leafInput, length);
            }

            var at = Count * MerkleTree.HashSize;
            if (leafHashes.Length < at + MerkleTree.HashSize)
            {
                Array.Resize(ref leafHashes, leafHashes.Length * 2);
            }

            var hasher = leafHasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hasher.AppendData(leafInput, 0, leadLength + DrawEncoding.WriteNfc(leafInput.AsSpan(leadLength), id));
            hasher.GetHashAndReset(leafHashes.AsSpan(at, MerkleTree.HashSize));
        }

        private static byte[] LeafLead(string stratum) => [0x00, .. DrawEncoding.EncNfc("entity", stratum)];

        public IEnumerable<string> Ids() => Keys is not null ? Keys.Select(key => Unpack(key, IdLength)) : ids!;

        /// <summary>Puts the run (ids and leaf hashes) in the order of enc(id); an id listed twice is an error.</summary>
        public void Sort()
        {
            var order = new int[Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            if (packed is not null)
            {
                Keys = [.. packed];
                Array.Sort(Keys, order);
                PermuteLeafHashes(order);
                for (var i = 1; i < Keys.Length; i++)
                {
                    if (Keys[i] == Keys[i - 1])
                    {
                        throw Twice(Unpack(Keys[i], IdLength));
                    }
                }

                return;
            }

            var unsorted = ids!;
            encoded = [.. unsorted.Select(DrawEncoding.Enc)];
            Array.Sort(encoded, order, DrawEncoding.BytewiseOrder);
            ids = [.. order.Select(i => unsorted[i])];
            PermuteLeafHashes(order);
            for (var i = 1; i < encoded.Length; i++)
            {
                if (encoded[i].AsSpan().SequenceEqual(encoded[i - 1]))
                {
                    throw Twice(ids[i]);
                }
            }
        }

        /// <summary>Takes the leaf hashes into the order <paramref name="order"/> gives (the i-th sorted member was added order[i]-th).</summary>
        private void PermuteLeafHashes(int[] order)
        {
            var sorted = new byte[order.Length * MerkleTree.HashSize];
            for (var i = 0; i < order.Length; i++)
            {
                leafHashes.AsSpan(order[i] * MerkleTree.HashSize, MerkleTree.HashSize).CopyTo(sorted.AsSpan(i * MerkleTree.HashSize));
            }

            leafHashes = sorted;
        }

        /// <summary>Writes enc(id) for each id in order at <paramref name="written"/>, noting where each starts; returns the end.</summary>
        public int Write(byte[] layout, int written, Span<int> idAt)
        {
            for (var i = 0; i < idAt.Length; i++)
            {
                idAt[i] = written;
                if (Keys is not null)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(layout.AsSpan(written), (uint)IdLength);
                    Unpack(Keys[i], IdLength, layout.AsSpan(written + 4, IdLength));
                    written += 4 + IdLength;
                }
                else
                {
                    encoded![i].CopyTo(layout, written);
                    written += encoded[i].Length;
                }
            }

            return written;
        }

        private DomainException Twice(string id) =>
            DomainException.Invalid("entities", $"entities holds the member {new EntityMember(stratum, id)} twice");
    }
}
