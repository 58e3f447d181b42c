using FairDraw.Ledger.Access;

namespace FairDraw.Ledger.Entities;

/// <summary>The state of one entity of the directory, folded from its stream.</summary>
public sealed record MarketEntity(
    string Uscc,
    string Name,
    EntityType Type,
    DivisionCode Jurisdiction,
    string RegistrationAuthority,
    string Address,
    string Industry,
    RiskClass RiskClass,
    IReadOnlyList<string> Tags,
    EntityStatus Status)
{
    public static MarketEntity Create(EntityRegistered e) =>
        new(e.Uscc, e.Name, e.Type, e.Jurisdiction, e.RegistrationAuthority, e.Address, e.Industry, e.RiskClass, e.Tags, e.Status);

    public MarketEntity Apply(EntityDetailsUpdated e) =>
        this with { Name = e.Name, Address = e.Address, Industry = e.Industry, RiskClass = e.RiskClass, Tags = e.Tags };

    public MarketEntity Apply(EntityStatusChanged e) => this with { Status = e.Status };

    /// <summary>Folds any entity event onto a state (null before registration).</summary>
    public static MarketEntity Evolve(MarketEntity? state, object @event) => (state, @event) switch
    {
        (null, EntityRegistered e) => Create(e),
        (not null, EntityDetailsUpdated e) => state.Apply(e),
        (not null, EntityStatusChanged e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to entity state {(state is null ? "before registration" : state.Uscc)}"),
    };
}
