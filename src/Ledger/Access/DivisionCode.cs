using System.Diagnostics.CodeAnalysis;

namespace FairDraw.Ledger.Access;

/// <summary>
/// A six-digit administrative division code (GB/T 2260 style; development-zone bureaus may use codes outside it).
/// A province (xx0000) covers its cities, a city (xxxx00) covers its districts and counties, a district covers itself.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DivisionCodeJsonConverter))]
public readonly record struct DivisionCode
{
    private DivisionCode(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public bool IsProvince => Value.EndsWith("0000", StringComparison.Ordinal);

    public bool IsCity => !IsProvince && Value.EndsWith("00", StringComparison.Ordinal);

    /// <summary>The prefix shared by every code this jurisdiction covers ("52" for a province, "5201" for a city).</summary>
    public string CoveredPrefix => IsProvince ? Value[..2] : IsCity ? Value[..4] : Value;

    /// <summary>True when this jurisdiction contains <paramref name="other"/> (or is it).</summary>
    public bool Covers(DivisionCode other) => other.Value.StartsWith(CoveredPrefix, StringComparison.Ordinal);

    public static bool TryParse(string? text, [NotNullWhen(true)] out DivisionCode? code)
    {
        code = null;
        if (text is null || text.Length != 6 || !text.All(char.IsAsciiDigit) || text == "000000")
        {
            return false;
        }

        code = new DivisionCode(text);
        return true;
    }

    public static DivisionCode Parse(string? text, string field = "jurisdiction") =>
        TryParse(text, out var code)
            ? code.Value
            : throw DomainException.Invalid(field, $"行政区划代码应为6位数字，实际为“{text}” / a division code is six digits, got '{text}'");
}
