namespace FairDraw.Ledger.Entities;

/// <summary>
/// An industry code of GB/T 4754 (国民经济行业分类): a section letter A–T followed by up to four digits, matched
/// exactly. One rule for the directory's entities (by form or CSV import) and a plan's targeting, so that every code
/// a task can target is one an entity can hold.
/// </summary>
public static class IndustryCode
{
    /// <summary>Returns the trimmed code, or fails on <paramref name="field"/>.</summary>
    public static string Parse(string? value, string field)
    {
        var industry = Text.Required(value, field, 5);
        return industry[0] is >= 'A' and <= 'T' && industry.Skip(1).All(char.IsAsciiDigit)
            ? industry
            : throw DomainException.Invalid(field, $"行业代码“{industry}”应为门类字母A–T加最多4位数字 / industry '{industry}' must be a GB/T 4754 code: a letter A–T and up to four digits");
    }
}
