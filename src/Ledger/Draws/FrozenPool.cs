using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// A frozen pool: its members in ascending bytewise order of their leaves, the leaves, and the RFC 6962 root over
/// them. The same members in any input order give the same pool; two members with the same leaf are an error.
/// </summary>
public class FrozenPool<TMember>
{
    protected FrozenPool(IEnumerable<TMember> members, Func<TMember, byte[]> leaf, string field)
    {
        var sorted = members.Select(member => (Member: member, Leaf: leaf(member)))
            .Order(Comparer<(TMember Member, byte[] Leaf)>.Create((left, right) => DrawEncoding.CompareBytes(left.Leaf, right.Leaf)))
            .ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (DrawEncoding.CompareBytes(sorted[i - 1].Leaf, sorted[i].Leaf) == 0)
            {
                throw DomainException.Invalid(field, $"{field} holds the member {sorted[i].Member} twice");
            }
        }

        Members = [.. sorted.Select(entry => entry.Member)];
        Leaves = [.. sorted.Select(entry => entry.Leaf)];
        Root = MerkleTree.Root([.. Leaves.Select(data => MerkleTree.LeafHash(data))]);
    }

    public IReadOnlyList<TMember> Members { get; }

    public IReadOnlyList<byte[]> Leaves { get; }

    public byte[] Root { get; }

    public int Count => Members.Count;
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
    private EntityPool(IEnumerable<EntityMember> members)
        : base(members, member => member.Leaf(), "entities")
    {
        var twice = Members.GroupBy(member => member.Id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (twice is not null)
        {
            throw DomainException.Invalid("entities", $"entity '{twice.Key}' is in more than one stratum");
        }

        Strata = [.. Members.GroupBy(member => member.Stratum, StringComparer.Ordinal)
            .Select(group => new StratumCount(group.Key, group.Count()))
            .OrderBy(count => count.Stratum, DrawEncoding.Utf8Order)];
    }

    /// <summary>Strata in ascending UTF-8 byte order of their labels, with their sizes N_h.</summary>
    public IReadOnlyList<StratumCount> Strata { get; }

    public static EntityPool Freeze(IEnumerable<EntityMember> members) => new(members);
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
