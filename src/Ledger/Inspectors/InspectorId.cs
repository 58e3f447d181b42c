namespace FairDraw.Ledger.Inspectors;

/// <summary>
/// The id of an inspector: 3–32 ASCII letters, digits or hyphens, starting with a letter or digit (e.g. "GY520102-0007").
/// It is also the user id the inspector signs in with, so an inspector can act on its own record.
/// </summary>
public static class InspectorId
{
    public static bool IsValid(string? text) =>
        text is { Length: >= 3 and <= 32 }
        && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The trimmed id, or a <see cref="DomainException"/> naming <paramref name="field"/>.</summary>
    public static string Parse(string? text, string field = "id")
    {
        var trimmed = text?.Trim();
        return IsValid(trimmed)
            ? trimmed!
            : throw DomainException.Invalid(field, $"人员编号“{text}”应为3–32位字母、数字或连字符，以字母或数字开头 / inspector id '{text}' must be 3–32 ASCII letters, digits or hyphens, starting with a letter or digit");
    }
}
