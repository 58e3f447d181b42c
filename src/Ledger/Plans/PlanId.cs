using FairDraw.Ledger.Access;

namespace FairDraw.Ledger.Plans;

/// <summary>
/// Which annual plan (年度抽查计划): the year, the jurisdiction and the planning department's short code, written
/// "{year}-{jurisdiction}-{department}" (e.g. "2021-520100-SPSC"). A task of the plan is "{planId}-{task code}".
/// </summary>
public readonly record struct PlanId(int Year, DivisionCode Jurisdiction, string Department)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;
    public const int MaxCodeLength = 16;

    public string StreamKey => StreamKeys.Plan(ToString());

    public override string ToString() => $"{Year}-{Jurisdiction}-{Department}";

    /// <summary>The id of the plan's task with <paramref name="code"/>, which is also its draw stream's id.</summary>
    public string TaskId(string code) => $"{this}-{code}";

    /// <summary>Validates the three parts as submitted; errors name "year", "jurisdiction" or "department".</summary>
    public static PlanId Create(int? year, string? jurisdiction, string? department)
    {
        var y = year is >= FirstYear and <= LastYear
            ? year.Value
            : throw DomainException.Invalid("year", $"计划年度应在{FirstYear}–{LastYear}之间，实际为“{year}” / the plan year must be {FirstYear}–{LastYear}, got '{year}'");
        return new PlanId(y, DivisionCode.Parse(jurisdiction?.Trim()), Code(department, "department"));
    }

    /// <summary>A read's <c>year</c> query value, 2000–2099; else 400 naming <c>year</c>.</summary>
    public static int QueryYear(int? year) =>
        year is >= FirstYear and <= LastYear
            ? year.Value
            : throw DomainException.Invalid(
                "year", $"请指定{FirstYear}–{LastYear}之间的年度 / year must be {FirstYear}–{LastYear}, got '{year}'");

    /// <summary>Parses "{year}-{jurisdiction}-{department}" (e.g. from an address); a malformed id is invalid.</summary>
    public static PlanId Parse(string? text)
    {
        var parts = (text ?? "").Split('-');
        return parts is [var year, var jurisdiction, var department] && year.Length == 4 && year.All(char.IsAsciiDigit)
            && DivisionCode.TryParse(jurisdiction, out var code) && IsCode(department)
            && int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) is >= FirstYear and <= LastYear and var y
            ? new PlanId(y, code.Value, department)
            : throw DomainException.Invalid("planId", $"计划编号“{text}”应为“年度-行政区划代码-部门代码” / plan id '{text}' must be year-division code-department code, e.g. 2021-520100-SPSC");
    }

    /// <summary>Splits a task id "{planId}-{code}" into its plan and its task code.</summary>
    public static (PlanId Plan, string Code) ParseTask(string? taskId)
    {
        var text = taskId ?? "";
        var cut = text.LastIndexOf('-');
        return cut > 0 && IsCode(text[(cut + 1)..]) && text[..cut].Count(c => c == '-') == 2
            ? (Parse(text[..cut]), text[(cut + 1)..])
            : throw DomainException.Invalid("taskId", $"任务编号“{text}”应为“计划编号-任务代码” / task id '{text}' must be the plan id and a task code, e.g. 2021-520100-SPSC-T01");
    }

    /// <summary>A department or task code: 1–16 ASCII letters or digits (it stands in ids and addresses unescaped).</summary>
    public static string Code(string? value, string field)
    {
        var code = value?.Trim() ?? "";
        return IsCode(code)
            ? code
            : throw DomainException.Invalid(field, $"代码“{code}”应为1–{MaxCodeLength}个字母或数字 / code '{code}' must be 1–{MaxCodeLength} ASCII letters or digits");
    }

    private static bool IsCode(string code) => code.Length is >= 1 and <= MaxCodeLength && code.All(char.IsAsciiLetterOrDigit);
}
