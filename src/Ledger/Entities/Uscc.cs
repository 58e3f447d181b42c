using System.Diagnostics.CodeAnalysis;

namespace FairDraw.Ledger.Entities;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-symbol alphabet,
/// with an organisation-code check character at position 17 (GB 11714) and a code check character at position 18.
/// </summary>
public readonly record struct Uscc
{
    /// <summary>The 31 code symbols in value order 0..30 (no I, O, Z, S, V).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] CodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    private Uscc(string value) => Value = value;

    public string Value { get; }

    /// <summary>Character 1: the registering department (9 = market regulation).</summary>
    public char Department => Value[0];

    /// <summary>Character 2: the kind of organisation within the department.</summary>
    public char Kind => Value[1];

    /// <summary>Characters 3–8: the division code of the registering authority.</summary>
    public string DivisionCode => Value.Substring(2, 6);

    public override string ToString() => Value;

    /// <summary>Parses a code, or explains exactly why it is not one (including the expected check character).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uscc? code, [NotNullWhen(false)] out string? reason)
    {
        code = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "统一社会信用代码不能为空 / the code is empty";
            return false;
        }

        if (text.Trim().Length != text.Length)
        {
            reason = "统一社会信用代码前后不能有空白字符 / the code has white space before or after it: send exactly the 18 characters";
            return false;
        }

        if (text.Length != 18)
        {
            reason = $"统一社会信用代码应为18位，实际为{text.Length}位 / the code must have 18 characters, it has {text.Length}";
            return false;
        }

        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(text[i], StringComparison.Ordinal) < 0)
            {
                reason = $"第{i + 1}位字符“{text[i]}”不是合法代码字符 / character {i + 1} '{text[i]}' is not a code symbol (allowed: {Alphabet})";
                return false;
            }
        }

        var organisationCheck = OrganisationCheckCharacter(text.AsSpan(8, 8));
        if (organisationCheck is null)
        {
            reason = "第9–16位组织机构代码本体不能含有无法计算校验的字符 / characters 9–16 cannot carry an organisation-code check";
            return false;
        }

        if (text[16] != organisationCheck)
        {
            reason = $"第17位组织机构代码校验码错误，应为“{organisationCheck}” / check character 17 (organisation code) is '{text[16]}', expected '{organisationCheck}'";
            return false;
        }

        var codeCheck = CodeCheckCharacter(text.AsSpan(0, 17));
        if (text[17] != codeCheck)
        {
            reason = $"第18位校验码错误，应为“{codeCheck}” / check character 18 is '{text[17]}', expected '{codeCheck}'";
            return false;
        }

        code = new Uscc(text);
        reason = null;
        return true;
    }

    /// <summary>Parses a code or throws a <see cref="DomainException"/> naming <paramref name="field"/>.</summary>
    public static Uscc Parse(string? text, string field = "uscc") =>
        TryParse(text, out var code, out var reason) ? code.Value : throw DomainException.Invalid(field, reason);

    /// <summary>The check character over the first 17 characters (weights 3^(i−1) mod 31; 31 − (sum mod 31), 31 → 0).</summary>
    public static char CodeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * CodeWeights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>
    /// The GB 11714 check character over the 8-character organisation code body (weights 3,7,9,10,5,8,4,2;
    /// letters A=10..Z=35; 11 − (sum mod 11), 10 → X, 11 → 0). Null when the body is not 8 digits or letters.
    /// </summary>
    public static char? OrganisationCheckCharacter(ReadOnlySpan<char> body8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            int value;
            if (c is >= '0' and <= '9')
            {
                value = c - '0';
            }
            else if (c is >= 'A' and <= 'Z')
            {
                value = c - 'A' + 10;
            }
            else
            {
                return null;
            }

            sum += value * OrganisationWeights[i];
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }

    /// <summary>Completes a 16-character prefix (department, kind, division, organisation body) into a valid code.</summary>
    public static Uscc Complete(string first16)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(first16.Length, 16);
        var organisationCheck = OrganisationCheckCharacter(first16.AsSpan(8, 8))
            ?? throw new ArgumentException("organisation body must be digits or letters", nameof(first16));
        var first17 = first16 + organisationCheck;
        return Parse(first17 + CodeCheckCharacter(first17));
    }
}
