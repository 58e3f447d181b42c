using FairDraw.Ledger.Entities;

namespace FairDraw.Ledger.Items;

/// <summary>Validation of one category or one item; every error names the field (which is also the CSV column).</summary>
public static class ItemValidation
{
    /// <summary>The most values an item's object types or methods list (each a small closed set; duplicates are dropped).</summary>
    public const int MaxValues = 20;

    /// <summary>Validates a category; a missing one (a JSON null) fails without a field, so its path is the entry's own.</summary>
    public static ItemCategory Category(CategoryInput? input) =>
        input is null
            ? throw DomainException.Invalid("", "抽查类别不能为空 / a category is required")
            : new(Code(input.Code, "code", 16), Text.Required(input.Name, "name", 100));

    /// <summary>Validates an item whose category must be one of <paramref name="categoryCodes"/>; a missing one fails without a field.</summary>
    public static InspectionItem Item(ItemInput? input, IReadOnlySet<string> categoryCodes)
    {
        if (input is null)
        {
            throw DomainException.Invalid("", "抽查事项不能为空 / an item is required");
        }

        var code = Code(input.Code, "code", 32);
        var category = Text.Required(input.CategoryCode, "categoryCode", 16);
        if (!categoryCodes.Contains(category))
        {
            throw DomainException.Invalid("categoryCode", $"抽查类别“{category}”不在清单中 / category '{category}' is not in the list");
        }

        return new InspectionItem(
            code,
            category,
            Text.Required(input.Name, "name", 200),
            Set(input.ObjectTypes, "objectTypes", EntityLabels.Types),
            Text.Enum(input.Kind, "kind", ItemLabels.Kinds),
            Set(input.Methods, "methods", ItemLabels.Methods),
            Text.Required(input.ResponsibleDepartment, "responsibleDepartment", 100),
            Text.Required(input.LegalBasis, "legalBasis", 1000, multiline: true),
            Text.Enum(input.Level, "level", ItemLabels.Levels));
    }

    /// <summary>A code of ASCII letters, digits, '-', '_' and '.', so it can stand in an address unescaped.</summary>
    private static string Code(string? value, string field, int maxLength)
    {
        var code = Text.Required(value, field, maxLength);
        return code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? code
            : throw DomainException.Invalid(field, $"编码“{code}”只能含字母、数字、“-”“_”“.” / code '{code}' may only contain ASCII letters, digits, '-', '_' and '.'");
    }

    /// <summary>A non-empty canonical set: blank entries skipped, duplicates removed, in enum order.</summary>
    private static IReadOnlyList<TEnum> Set<TEnum>(IReadOnlyList<string>? values, string field, IReadOnlyDictionary<TEnum, string> labels)
        where TEnum : struct, Enum
    {
        IReadOnlyList<TEnum> parsed = [.. Text.AtMost(values, field, MaxValues).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Text.Enum(v, field, labels)).Distinct().Order()];
        return parsed.Count > 0
            ? parsed
            : throw DomainException.Invalid(field, $"{field} 至少需要一项 / {field} needs at least one value");
    }
}
