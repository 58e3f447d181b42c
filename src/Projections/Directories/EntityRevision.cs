using Marten.Schema;
using NpgsqlTypes;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;

namespace FairDraw.Projections.Directories;

/// <summary>A version of one entity of the directory (检查对象名录库), flattened for filtering.</summary>
public sealed class EntityRevision : Revision
{
    /// <summary>
    /// The columns duplicated from the document: the window, the code (indexed: looked up by equality, and the order of
    /// the list) and the jurisdiction, indexed together with the code (see <see cref="ConfigureMarten"/>).
    /// </summary>
    public static IReadOnlyList<DuplicatedColumn> Duplicated { get; } =
    [
        .. Window,
        new(nameof(Uscc), "uscc", NpgsqlDbType.Text, r => ((EntityRevision)r).Uscc),
        new(nameof(Jurisdiction), "jurisdiction", NpgsqlDbType.Text, r => ((EntityRevision)r).Jurisdiction),
    ];

    /// <summary>
    /// Marten's hook for this document type. The list filters a district by equality and a city or province by a range
    /// of codes, both served by a plain B-tree on (jurisdiction, uscc) under any collation; for a district the index
    /// also yields the list's order, so a page, first or deep by cursor, reads only its own rows.
    /// </summary>
    public static void ConfigureMarten(DocumentMapping mapping)
    {
        Duplicate(mapping, Duplicated, nameof(Uscc));
        mapping.AddIndex("jurisdiction", "uscc");
    }

    public string Uscc { get; set; } = "";

    public string Name { get; set; } = "";

    public EntityType Type { get; set; }

    public string Jurisdiction { get; set; } = "";

    public string RegistrationAuthority { get; set; } = "";

    public string Address { get; set; } = "";

    public string Industry { get; set; } = "";

    public RiskClass RiskClass { get; set; }

    public string[] Tags { get; set; } = [];

    public EntityStatus Status { get; set; }

    public static EntityRevision From(MarketEntity state) => new()
    {
        Uscc = state.Uscc,
        Name = state.Name,
        Type = state.Type,
        Jurisdiction = state.Jurisdiction.Value,
        RegistrationAuthority = state.RegistrationAuthority,
        Address = state.Address,
        Industry = state.Industry,
        RiskClass = state.RiskClass,
        Tags = [.. state.Tags],
        Status = state.Status,
    };

    public MarketEntity ToState() => new(
        Uscc,
        Name,
        Type,
        DivisionCode.Parse(Jurisdiction),
        RegistrationAuthority,
        Address,
        Industry,
        RiskClass,
        Tags,
        Status);
}

public sealed class EntityRevisionProjection : RevisionProjection<MarketEntity, EntityRevision>
{
    public override string StreamPrefix => StreamKeys.EntityPrefix;

    protected override MarketEntity Evolve(MarketEntity? state, object data) => MarketEntity.Evolve(state, data);

    protected override EntityRevision ToRevision(MarketEntity state) => EntityRevision.From(state);

    protected override MarketEntity ToState(EntityRevision revision) => revision.ToState();
}
