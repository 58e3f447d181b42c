namespace FairDraw.Ledger.Items;

// Commands of the item list as submitted (API body or CSV row): raw text, validated by the decisions so that every
// error names its field. Enumerations accept the English name or the Chinese label.

/// <summary>A category as submitted.</summary>
public sealed record CategoryInput(string? Code, string? Name);

/// <summary>An item as submitted; object types and methods are sets of English names or Chinese labels.</summary>
public sealed record ItemInput(
    string? Code,
    string? CategoryCode,
    string? Name,
    IReadOnlyList<string>? ObjectTypes,
    string? Kind,
    IReadOnlyList<string>? Methods,
    string? ResponsibleDepartment,
    string? LegalBasis,
    string? Level);

/// <summary>A new list version with everything in it (a form, or a whole imported file).</summary>
public sealed record DraftItemList(
    string? Jurisdiction,
    string? Version,
    string? Title,
    IReadOnlyList<CategoryInput>? Categories,
    IReadOnlyList<ItemInput>? Items);

/// <summary>Takes an item out of force, with the reason (e.g. the provincial list dropped it).</summary>
public sealed record RetireInspectionItem(string? Reason);
