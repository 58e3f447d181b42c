using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Draws;

/// <summary>A member of the entity pool: the stratum it is drawn in and its id (the USCC).</summary>
public sealed record EntityMember
{
    public EntityMember(string stratum, string id)
    {
        Stratum = DrawMembers.Label(stratum, "stratum");
        Id = DrawMembers.Label(id, "entityId");
    }

    public string Stratum { get; }

    public string Id { get; }

    /// <summary>enc("entity") || enc(stratum) || enc(id).</summary>
    public byte[] Leaf() => DrawEncoding.EncNfc("entity", Stratum, Id);
}

/// <summary>A member of the inspector pool, as frozen for one draw.</summary>
public sealed record InspectorMember
{
    public InspectorMember(string id, string unit, IEnumerable<string> expertise, int capacity, bool active = true)
    {
        Id = DrawMembers.Label(id, "inspectorId");
        Unit = DrawMembers.Label(unit, "unit");
        var tags = expertise.Select(tag => DrawMembers.Label(tag, "expertise")).ToList();
        if (tags.Distinct(StringComparer.Ordinal).Count() != tags.Count)
        {
            throw DomainException.Invalid("expertise", $"inspector '{Id}' lists an expertise tag twice");
        }

        Expertise = [.. tags.Order(DrawEncoding.Utf8Order)];
        Capacity = capacity >= 0 ? capacity : throw DomainException.Invalid("capacity", $"inspector '{Id}' has a negative capacity");
        Active = active;
    }

    public string Id { get; }

    public string Unit { get; }

    /// <summary>Distinct tags in ascending UTF-8 byte order.</summary>
    public IReadOnlyList<string> Expertise { get; }

    /// <summary>How many objects this inspector may hold in this draw.</summary>
    public int Capacity { get; }

    public bool Active { get; }

    public string Status => Active ? "active" : "inactive";

    /// <summary>enc("inspector") || enc(id) || enc(unit) || enc(status) || enc(tag count) || enc(tag)… || enc(capacity).</summary>
    public byte[] Leaf() => DrawEncoding.EncNfc(
        ["inspector", Id, Unit, Status, DrawMembers.Decimal(Expertise.Count), .. Expertise, DrawMembers.Decimal(Capacity)]);

    public bool Has(string tag) => Expertise.Contains(tag, StringComparer.Ordinal);
}

/// <summary>A declared conflict of interest: the inspector must not inspect the entity.</summary>
public sealed record ConflictPair
{
    public ConflictPair(string inspectorId, string entityId)
    {
        InspectorId = DrawMembers.Label(inspectorId, "inspectorId");
        EntityId = DrawMembers.Label(entityId, "entityId");
    }

    public string InspectorId { get; }

    public string EntityId { get; }

    /// <summary>enc("conflict") || enc(inspectorId) || enc(entityId).</summary>
    public byte[] Leaf() => DrawEncoding.EncNfc("conflict", InspectorId, EntityId);
}

internal static class DrawMembers
{
    /// <summary>A non-empty label in NFC, taken as given otherwise (no trimming: the bytes are what is committed).</summary>
    public static string Label(string? value, string field) =>
        string.IsNullOrEmpty(value)
            ? throw DomainException.Invalid(field, $"{field} must not be empty")
            : DrawEncoding.Nfc(value);

    public static string Decimal(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
