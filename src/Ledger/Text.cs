using System.Buffers;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Ledger;

/// <summary>
/// Validation of text fields, shared by every decision and by the query checks; the rules and limits are listed in
/// docs/entity-import-format.md ("Text and limits"). A field is a line (names, addresses, titles, codes, tags) or,
/// with <c>multiline</c>, free text (reasons, evidence, notices, legal bases), which may hold tab and line breaks.
/// Neither holds other control characters (PostgreSQL's jsonb refuses U+0000; the rest are invisible in every view of
/// the ledger), U+2028/U+2029, bidirectional formatting characters (text that displays differently from its bytes)
/// or an unpaired surrogate (not text, and not encodable as UTF-8).
/// </summary>
public static class Text
{
    /// <summary>The most tags (also qualifications and expertise) one entity, inspector or task carries.</summary>
    public const int MaxTags = 20;

    /// <summary>The longest tag.</summary>
    public const int MaxTagLength = 32;

    private static readonly char[] Bidirectional =
        ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

    private static readonly SearchValues<char> RefusedInLines = SearchValues.Create([.. RefusedInLinesChars()]);

    private static readonly SearchValues<char> RefusedInLine = SearchValues.Create([.. RefusedInLinesChars(), '\t', '\n', '\r']);

    /// <summary>Trims <paramref name="value"/> and checks it is present, at most <paramref name="maxLength"/> characters and allowed text.</summary>
    public static string Required(string? value, string field, int maxLength, bool multiline = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw DomainException.Invalid(field, $"{field} 不能为空 / {field} is required");
        }

        return trimmed.Length <= maxLength
            ? Printable(trimmed, field, multiline)
            : throw DomainException.Invalid(field, $"{field} 超过{maxLength}个字符 / {field} exceeds {maxLength} characters");
    }

    /// <summary>Trims <paramref name="value"/>; empty is allowed.</summary>
    public static string Optional(string? value, string field, int maxLength, bool multiline = false)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length <= maxLength
            ? Printable(trimmed, field, multiline)
            : throw DomainException.Invalid(field, $"{field} 超过{maxLength}个字符 / {field} exceeds {maxLength} characters");
    }

    /// <summary>
    /// A canonical tag set: trimmed, non-empty, distinct, sorted ordinally (so equal sets compare equal); at most
    /// <see cref="MaxTags"/> tags of at most <see cref="MaxTagLength"/> characters.
    /// </summary>
    public static IReadOnlyList<string> Tags(IReadOnlyList<string>? tags, string field)
    {
        if (tags is null)
        {
            return [];
        }

        AtMost(tags, field, MaxTags);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var trimmed = tag?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxTagLength || trimmed.Contains(';', StringComparison.Ordinal))
            {
                throw DomainException.Invalid(field, $"标签“{tag}”无效（1–{MaxTagLength}个字符，不含分号） / tag '{tag}' must be 1–{MaxTagLength} characters without ';'");
            }

            result.Add(Printable(trimmed, field));
        }

        return [.. result];
    }

    /// <summary>Returns <paramref name="values"/> (empty for null), or fails when it holds more than <paramref name="max"/> entries.</summary>
    public static IReadOnlyList<T> AtMost<T>(IReadOnlyList<T>? values, string field, int max) =>
        values is null ? []
        : values.Count <= max ? values
        : throw DomainException.Invalid(field, $"{field} 最多{max}项，实际{values.Count}项 / {field} holds {values.Count} entries, at most {max}");

    /// <summary>Returns <paramref name="text"/>, or fails naming the first character a field of this shape may not hold.</summary>
    public static string Printable(string text, string field, bool multiline = false)
    {
        var at = text.AsSpan().IndexOfAny(multiline ? RefusedInLines : RefusedInLine);
        var unpaired = UnpairedSurrogate(text);
        if (at < 0 && unpaired < 0)
        {
            return text;
        }

        at = at < 0 || (unpaired >= 0 && unpaired < at) ? unpaired : at;
        var (chinese, english) = text[at] switch
        {
            '\t' => ("制表符", "a tab"),
            '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' => ("换行符（此字段只能是一行）", "a line break (this field is a single line)"),
            var c when char.IsSurrogate(c) => ("不成对的代理项", "an unpaired surrogate"),
            var c when Bidirectional.Contains(c) => ("双向文本控制字符", "a bidirectional formatting character"),
            _ => ("控制字符", "a control character"),
        };
        throw DomainException.Invalid(
            field,
            $"{field} 第{at + 1}个字符U+{(int)text[at]:X4}是{chinese} / {field} holds {english}, U+{(int)text[at]:X4}, at position {at + 1}");
    }

    /// <summary>A required ISO date (yyyy-MM-dd).</summary>
    public static LocalDate IsoDate(string? text, string field)
    {
        var parsed = LocalDatePattern.Iso.Parse(Required(text, field, 10));
        return parsed.Success
            ? parsed.Value
            : throw DomainException.Invalid(field, $"日期“{text}”应为yyyy-MM-dd格式 / '{text}' is not a date such as 2021-06-01");
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

    /// <summary>Accepts exactly the English enum name or the Chinese label (never a number or a flag combination).</summary>
    public static bool TryParseEnum<TEnum>(string text, IReadOnlyDictionary<TEnum, string> labels, out TEnum value)
        where TEnum : struct, System.Enum
    {
        foreach (var (key, label) in labels)
        {
            if (label == text || key.ToString() == text)
            {
                value = key;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static IEnumerable<char> RefusedInLinesChars() =>
    [
        .. Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r')),
        .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), // DEL and the C1 controls (U+0085 is a line break too)
        '\u2028', '\u2029', .. Bidirectional,
    ];

    /// <summary>The position of the first surrogate that is not half of a pair; −1 when there is none (the usual case, one vector scan).</summary>
    private static int UnpairedSurrogate(string text)
    {
        var i = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return -1;
        }

        for (; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
