using System.Buffers;

namespace FairDraw.Ledger;

/// <summary>
/// Validation of free-text fields, shared by every decision. Text never holds a C0 control character other than tab,
/// line feed and carriage return: PostgreSQL's jsonb refuses U+0000 outright, and the others are invisible in every
/// view of the ledger.
/// </summary>
public static class Text
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r'))]);

    /// <summary>Trims <paramref name="value"/> and checks it is present and at most <paramref name="maxLength"/> characters.</summary>
    public static string Required(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw DomainException.Invalid(field, $"{field} 不能为空 / {field} is required");
        }

        return trimmed.Length <= maxLength
            ? Printable(trimmed, field)
            : throw DomainException.Invalid(field, $"{field} 超过{maxLength}个字符 / {field} exceeds {maxLength} characters");
    }

    /// <summary>Trims <paramref name="value"/>; empty is allowed.</summary>
    public static string Optional(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length <= maxLength
            ? Printable(trimmed, field)
            : throw DomainException.Invalid(field, $"{field} 超过{maxLength}个字符 / {field} exceeds {maxLength} characters");
    }

    /// <summary>A canonical tag set: trimmed, non-empty, distinct, sorted ordinally (so equal sets compare equal).</summary>
    public static IReadOnlyList<string> Tags(IReadOnlyList<string>? tags, string field)
    {
        if (tags is null)
        {
            return [];
        }

        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var trimmed = tag?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 32 || trimmed.Contains(';', StringComparison.Ordinal))
            {
                throw DomainException.Invalid(field, $"标签“{tag}”无效（1–32个字符，不含分号） / tag '{tag}' must be 1–32 characters without ';'");
            }

            result.Add(Printable(trimmed, field));
        }

        return [.. result];
    }

    /// <summary>Returns <paramref name="text"/>, or fails naming the first control character other than tab and line breaks.</summary>
    public static string Printable(string text, string field)
    {
        var at = text.AsSpan().IndexOfAny(Controls);
        return at < 0
            ? text
            : throw DomainException.Invalid(
                field,
                $"{field} 第{at + 1}个字符为控制字符U+{(int)text[at]:X4} / {field} holds the control character U+{(int)text[at]:X4} at position {at + 1}");
    }

    /// <summary>Parses an enumeration by English name or Chinese label, naming the allowed values on failure.</summary>
    public static TEnum Enum<TEnum>(string? value, string field, IReadOnlyDictionary<TEnum, string> labels)
        where TEnum : struct, System.Enum
    {
        var trimmed = value?.Trim() ?? "";
        if (TryParseEnum(trimmed, labels, out TEnum parsed))
        {
            return parsed;
        }

        var allowed = string.Join(", ", labels.Select(pair => $"{pair.Key}/{pair.Value}"));
        throw DomainException.Invalid(field, $"{field} 的值“{trimmed}”无效 / '{trimmed}' is not a valid {field}; allowed: {allowed}");
    }

    /// <summary>True when two tag lists hold the same tags in the same order.</summary>
    public static bool SameTags(IReadOnlyList<string> left, IReadOnlyList<string> right) =>
        left.SequenceEqual(right, StringComparer.Ordinal);

    /// <summary>Accepts the English enum name or the Chinese label.</summary>
    public static bool TryParseEnum<TEnum>(string text, IReadOnlyDictionary<TEnum, string> labels, out TEnum value)
        where TEnum : struct, System.Enum
    {
        foreach (var (key, label) in labels)
        {
            if (label == text)
            {
                value = key;
                return true;
            }
        }

        return System.Enum.TryParse(text, ignoreCase: false, out value) && System.Enum.IsDefined(value);
    }
}
