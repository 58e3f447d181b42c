using FairDraw.Ledger.Access;

namespace FairDraw.Ledger.Items;

/// <summary>Which list: the issuing jurisdiction and the version label (e.g. 520100, "2021版").</summary>
public readonly record struct ItemListId(DivisionCode Jurisdiction, string Version)
{
    public string StreamKey => StreamKeys.ItemList(Jurisdiction.Value, Version);

    public override string ToString() => $"{Jurisdiction}:{Version}";

    /// <summary>Validates both parts; a version may not contain the key separator ':' or a '/'.</summary>
    public static ItemListId Parse(string? jurisdiction, string? version)
    {
        var code = DivisionCode.Parse(jurisdiction?.Trim());
        var label = Text.Required(version, "version", 20);
        return label.IndexOfAny([':', '/']) < 0
            ? new ItemListId(code, label)
            : throw DomainException.Invalid("version", $"版本“{label}”不能含“:”或“/” / version '{label}' may not contain ':' or '/'");
    }
}
