using System.Diagnostics.CodeAnalysis;

namespace FairDraw.Ledger.Access;

/// <summary>
/// A department as a token names it: the name plans and item lists spell ("信用监管处", "食品生产安全监督管理处"), compared
/// ordinally with a task's lead and partners, so it is exactly that text — a line of at most <see cref="MaxLength"/>
/// characters with no surrounding spaces, as plans store their department names.
/// </summary>
public static class Departments
{
    public const string Field = "department";

    /// <summary>The longest department name, as a plan's lead and partner departments allow.</summary>
    public const int MaxLength = 100;

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? department)
    {
        department = null;
        try
        {
            department = Parse(text);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    /// <summary>The department <paramref name="text"/> names, or a 400 naming the field.</summary>
    public static string Parse(string? text)
    {
        var department = Text.Required(text, Field, MaxLength);
        return department == text
            ? department
            : throw DomainException.Invalid(Field, $"部门名称前后不得有空白 / the department '{text}' has spaces around it");
    }
}
