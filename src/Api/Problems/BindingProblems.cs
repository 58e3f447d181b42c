using System.Text.RegularExpressions;

namespace FairDraw.Api.Problems;

/// <summary>
/// Gives the 400s Wolverine writes itself, before an endpoint runs, the <c>field</c> every other 400 of this API names
/// (README, "API"): an unparseable query value names its query key, an unreadable JSON body the JSON path of the
/// member at fault (<c>tasks[1].ratio</c>), a member the request type does not have (misspelt: refused, never silently
/// dropped) or gives twice, or <c>body</c> when the body as a whole is wrong. Runs on every problem
/// written through the problem details service (<see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>); problems
/// that already name a field, and every other status, pass unchanged.
/// </summary>
public static partial class BindingProblems
{
    private const string BadRequestType = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
    private const string Title = "请求无效 / invalid request";

    public static void Name(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status400BadRequest || problem.Extensions.ContainsKey("field") || problem.Extensions.ContainsKey("errors"))
        {
            return;
        }

        if (problem.Extensions.Remove("parameter", out var parameter) && parameter is string name)
        {
            var key = QueryKey(context.HttpContext.Request, name);
            var value = context.HttpContext.Request.Query[key].ToString();
            Rewrite(problem, key, $"查询参数“{key}”的值“{value}”无法解析 / query parameter '{key}' has the value '{value}', which is not a valid {ExpectedType(problem.Detail)}");
        }
        else if (context.HttpContext.Request.HasJsonContentType() && problem.Detail is { } unmapped && UnmappedMemberPattern().Match(unmapped) is { Success: true } member)
        {
            var field = member.Groups["member"].Value;
            Rewrite(problem, field, $"请求体成员“{field}”不是此请求的字段（拼写有误？） / body member '{field}' is not a member of {Readable(member.Groups["type"].Value)} (misspelt?)");
        }
        else if (context.HttpContext.Request.HasJsonContentType() && problem.Detail is { } repeated && DuplicateMemberPattern().Match(repeated) is { Success: true } duplicate)
        {
            var field = duplicate.Groups["member"].Value;
            Rewrite(problem, field, $"请求体成员“{field}”出现了不止一次 / body member '{field}' is given more than once in {Readable(duplicate.Groups["type"].Value)}");
        }
        else if (context.HttpContext.Request.HasJsonContentType() && (problem.Extensions.ContainsKey("bytePositionInLine") || problem.Detail is null))
        {
            var (path, reason) = JsonFailure(problem.Detail);
            var field = path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];
            Rewrite(problem, field, field == "body"
                ? $"请求体不是所需形式的JSON / the body is not JSON of the expected shape: {reason}"
                : $"请求体成员“{field}”无法读取 / body member '{field}' cannot be read: {reason}");
        }
    }

    private static void Rewrite(Microsoft.AspNetCore.Mvc.ProblemDetails problem, string field, string detail)
    {
        problem.Type = BadRequestType;
        problem.Title = Title;
        problem.Detail = detail;
        problem.Extensions["field"] = field;
    }

    /// <summary>The key as the request spelt it: Wolverine names an [AsParameters] member by its property (AsOfPosition).</summary>
    private static string QueryKey(HttpRequest request, string parameter) =>
        request.Query.Keys.FirstOrDefault(key => string.Equals(key, parameter, StringComparison.OrdinalIgnoreCase))
        ?? char.ToLowerInvariant(parameter[0]) + parameter[1..];

    private static string ExpectedType(string? detail) =>
        detail is not null && ExpectedTypePattern().Match(detail) is { Success: true } match ? Readable(match.Groups[1].Value) : "value";

    /// <summary>.NET type names without namespaces, generics in angle brackets: IReadOnlyList&lt;String&gt;, EntityType.</summary>
    private static string Readable(string text) =>
        GenericPattern().Replace(NamespacePattern().Replace(text, ""), "$1<$2>");

    /// <summary>The JSON path and the reason of a System.Text.Json failure ("… Path: $.tags | LineNumber: 0 | BytePositionInLine: 66.").</summary>
    private static (string? Path, string Reason) JsonFailure(string? detail)
    {
        if (detail is null)
        {
            return (null, "unreadable");
        }

        var match = JsonPathPattern().Match(detail);
        return match.Success ? (match.Groups["path"].Value, Readable(detail[..match.Index].TrimEnd())) : (null, detail);
    }

    [GeneratedRegex(@"expected type (\S+)$")]
    private static partial Regex ExpectedTypePattern();

    [GeneratedRegex(@"\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+(?=[A-Za-z_])")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"(\w+)`\d+\[([^\[\]]*)\]")]
    private static partial Regex GenericPattern();

    [GeneratedRegex(@" ?Path: (?<path>\$.*?) \| LineNumber: ")]
    private static partial Regex JsonPathPattern();

    /// <summary>System.Text.Json's refusal of a member given twice (the API disallows duplicate properties).</summary>
    [GeneratedRegex(@"Duplicate property '(?<member>[^']+)' encountered during deserialization of type '(?<type>[^']+)'")]
    private static partial Regex DuplicateMemberPattern();

    /// <summary>System.Text.Json's refusal of a member the type does not have (the API disallows unmapped members).</summary>
    [GeneratedRegex(@"The JSON property '(?<member>[^']+)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'")]
    private static partial Regex UnmappedMemberPattern();
}
