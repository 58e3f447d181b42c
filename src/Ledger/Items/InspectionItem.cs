using FairDraw.Ledger.Entities;

namespace FairDraw.Ledger.Items;

/// <summary>抽查类别: a category of the list, e.g. "05 食品生产".</summary>
public sealed record ItemCategory(string Code, string Name);

/// <summary>
/// 抽查事项: one validated item of a list. Object types and methods are canonical sets (distinct, in enum order),
/// so two items with the same content are <see cref="SameAs"/> each other.
/// </summary>
public sealed record InspectionItem(
    string Code,
    string CategoryCode,
    string Name,
    IReadOnlyList<EntityType> ObjectTypes,
    ItemKind Kind,
    IReadOnlyList<InspectionMethod> Methods,
    string ResponsibleDepartment,
    string LegalBasis,
    ItemLevel Level)
{
    /// <summary>True when both items carry the same content (record equality compares the lists by reference).</summary>
    public bool SameAs(InspectionItem other) =>
        Code == other.Code && CategoryCode == other.CategoryCode && Name == other.Name && ObjectTypes.SequenceEqual(other.ObjectTypes)
        && Kind == other.Kind && Methods.SequenceEqual(other.Methods) && ResponsibleDepartment == other.ResponsibleDepartment
        && LegalBasis == other.LegalBasis && Level == other.Level;
}
