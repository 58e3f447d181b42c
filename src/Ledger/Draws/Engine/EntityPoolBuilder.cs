using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws.Engine;

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
    private EntityPool? frozen;
    private DomainException? refusal;

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
        if (frozen is not null || refusal is not null)
        {
            throw new InvalidOperationException("the pool is frozen: no member can be added");
        }

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
    /// enc(h)), each run in the order of enc(id). An id listed twice, or in two strata, is an error. Once frozen, the
    /// builder gives the same pool again (its working buffers have gone back to the shared pool); once refused, the same
    /// refusal (its runs are sorted in place, so they are not frozen twice).
    /// </summary>
    public EntityPool Freeze()
    {
        if (refusal is not null)
        {
            throw refusal;
        }

        try
        {
            return frozen ??= FreezeRuns();
        }
        catch (DomainException refused)
        {
            refusal = refused;
            throw;
        }
    }

    private EntityPool FreezeRuns()
    {
        var ordered = runs.Values.OrderBy(run => DrawEncoding.Enc(run.Stratum), DrawEncoding.BytewiseOrder).ToList();
        var starts = new int[ordered.Count + 1];
        for (var r = 0; r < ordered.Count; r++)
        {
            starts[r + 1] = checked(starts[r] + ordered[r].Count);
        }

        var count = starts[^1];
        var leafHashes = ArrayPool<byte>.Shared.Rent(checked(count * MerkleTree.HashSize));
        // The runs are sorted side by side; of several holding an id twice, the first in leaf order is reported.
        var twiceIn = new DomainException?[ordered.Count];
        Parallel.For(0, ordered.Count, r =>
        {
            try
            {
                ordered[r].Sort(leafHashes, starts[r] * MerkleTree.HashSize);
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

        var laid = new EntityPool.Run[ordered.Count];
        var length = 0L;
        for (var r = 0; r < ordered.Count; r++)
        {
            laid[r] = new EntityPool.Run(ordered[r].Stratum, checked((int)length), starts[r], ordered[r].Count);
            length += DrawEncoding.Enc(ordered[r].Stratum).Length + 4 + ordered[r].EncodedLength;
        }

        // The layout is written run by run on every core while the runs are searched for an id in two strata.
        var layout = new byte[length];
        var idAt = new int[count];
        string? inTwoStrata = null;
        Parallel.Invoke(
            () => inTwoStrata = InTwoStrata(ordered),
            () => Parallel.For(0, ordered.Count, r =>
            {
                var written = laid[r].LabelAt + DrawEncoding.WriteNfc(layout.AsSpan(laid[r].LabelAt), ordered[r].Stratum);
                BinaryPrimitives.WriteUInt32BigEndian(layout.AsSpan(written), (uint)ordered[r].Count);
                ordered[r].Write(layout, written + 4, idAt.AsSpan(starts[r], ordered[r].Count));
            }));
        if (inTwoStrata is not null)
        {
            throw DomainException.Invalid("entities", $"entity '{inTwoStrata}' is in more than one stratum");
        }

        foreach (var run in ordered)
        {
            run.Release();
        }

        return new EntityPool(layout, idAt, laid, new Lazy<byte[]>(() =>
        {
            var root = MerkleTree.RootOfLeafHashes(leafHashes, count);
            ArrayPool<byte>.Shared.Return(leafHashes);
            return root;
        }));
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
            var merged = length.Select(run => (Keys: run.Keys!.Value, Next: 0)).ToArray();
            UInt128? previous = null;
            while (true)
            {
                var smallest = -1;
                for (var r = 0; r < merged.Length; r++)
                {
                    if (merged[r].Next < merged[r].Keys.Count && (smallest < 0 || merged[r].Keys[merged[r].Next] < merged[smallest].Keys[merged[smallest].Next]))
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
    private sealed class StratumRun
    {
        /// <summary>One hasher per thread: a reused <see cref="IncrementalHash"/> costs less per call than a one-shot hash.</summary>
        [ThreadStatic]
        private static IncrementalHash? leafHasher;

        private readonly string stratum;
        private readonly int leadLength;

        /// <summary>0x00 || enc("entity") || enc(h), then room for enc(id): the input of a member's leaf hash.</summary>
        private byte[] leafInput;
        // The working buffers come from the shared pool (a large pool's would otherwise be new memory for every freeze
        // and verification) and go back to it when the pool is frozen.
        private UInt128[]? packed = ArrayPool<UInt128>.Shared.Rent(1024); // the first Count entries; null once an id does not pack
        private List<string>? ids;
        private byte[][]? encoded;
        private byte[] leafHashes = ArrayPool<byte>.Shared.Rent(1024 * MerkleTree.HashSize); // in the order members were added

        public StratumRun(string stratum)
        {
            this.stratum = stratum;
            leafInput = [0x00, .. DrawEncoding.EncNfc("entity", stratum)];
            leadLength = leafInput.Length;
        }

        public string Stratum => stratum;

        /// <summary>The keys (sorted after <see cref="Sort"/>), when every id was packed.</summary>
        public ArraySegment<UInt128>? Keys => packed is null ? null : new(packed, 0, Count);

        /// <summary>The one length of the packed ids.</summary>
        public int IdLength { get; private set; }

        public int Count { get; private set; }

        /// <summary>The bytes of enc(id) over the run's ids.</summary>
        public long EncodedLength => packed is not null ? Count * (4L + IdLength) : encoded!.Sum(id => (long)id.Length);

        public void Add(string id)
        {
            if (packed is not null)
            {
                if ((Count == 0 || id.Length == IdLength) && Pack(id) is { } key)
                {
                    HashLeaf(id); // ASCII: already in NFC
                    if (Count == packed.Length)
                    {
                        packed = Grow(packed, Count);
                    }

                    packed[Count++] = key;
                    IdLength = id.Length;
                    return;
                }

                ids = [.. Keys!.Value.Select(key => Unpack(key, IdLength))];
                ArrayPool<UInt128>.Shared.Return(packed);
                packed = null;
            }

            var label = DrawMembers.Label(id, "entityId");
            HashLeaf(label);
            ids!.Add(label);
            Count++;
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
                leafHashes = Grow(leafHashes, at);
            }

            var hasher = leafHasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hasher.AppendData(leafInput, 0, leadLength + DrawEncoding.WriteNfc(leafInput.AsSpan(leadLength), id));
            hasher.GetHashAndReset(leafHashes.AsSpan(at, MerkleTree.HashSize));
        }

        /// <summary>A pooled array twice as long holding the first <paramref name="used"/> entries; the old one is returned.</summary>
        private static T[] Grow<T>(T[] buffer, int used)
        {
            var larger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, used).CopyTo(larger);
            ArrayPool<T>.Shared.Return(buffer);
            return larger;
        }

        /// <summary>Gives the working buffers back to the shared pool, once the frozen pool holds what it needs of them.</summary>
        public void Release()
        {
            if (packed is not null)
            {
                ArrayPool<UInt128>.Shared.Return(packed);
                packed = [];
            }

            ArrayPool<byte>.Shared.Return(leafHashes);
            leafHashes = [];
        }

        public IEnumerable<string> Ids() => Keys is { } keys ? keys.Select(key => Unpack(key, IdLength)) : ids!;

        /// <summary>
        /// Puts the run in the order of enc(id), and writes its leaf hashes in that order to
        /// <paramref name="sortedLeafHashes"/> from <paramref name="at"/>; an id listed twice is an error.
        /// </summary>
        public void Sort(byte[] sortedLeafHashes, int at)
        {
            var rented = ArrayPool<int>.Shared.Rent(Count);
            var order = rented.AsSpan(0, Count);
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            if (packed is not null)
            {
                var keys = packed.AsSpan(0, Count);
                keys.Sort(order);
                for (var i = 1; i < keys.Length; i++)
                {
                    if (keys[i] == keys[i - 1])
                    {
                        throw Twice(Unpack(keys[i], IdLength));
                    }
                }
            }
            else
            {
                var unsorted = ids!;
                encoded = [.. unsorted.Select(DrawEncoding.Enc)];
                encoded.AsSpan().Sort(order, DrawEncoding.BytewiseOrder);
                ids = new List<string>(Count);
                foreach (var i in order)
                {
                    ids.Add(unsorted[i]);
                }

                for (var i = 1; i < encoded.Length; i++)
                {
                    if (encoded[i].AsSpan().SequenceEqual(encoded[i - 1]))
                    {
                        throw Twice(ids[i]);
                    }
                }
            }

            // The i-th member in leaf order was added order[i]-th.
            for (var i = 0; i < order.Length; i++)
            {
                leafHashes.AsSpan(order[i] * MerkleTree.HashSize, MerkleTree.HashSize).CopyTo(sortedLeafHashes.AsSpan(at + (i * MerkleTree.HashSize)));
            }

            ArrayPool<int>.Shared.Return(rented);
        }

        /// <summary>Writes enc(id) for each id in order at <paramref name="written"/>, noting where each starts; returns the end.</summary>
        public int Write(byte[] layout, int written, Span<int> idAt)
        {
            for (var i = 0; i < idAt.Length; i++)
            {
                idAt[i] = written;
                if (packed is not null)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(layout.AsSpan(written), (uint)IdLength);
                    Unpack(packed[i], IdLength, layout.AsSpan(written + 4, IdLength));
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
