using FairDraw.Ledger;

namespace FairDraw.Api.Hosting;

/// <summary>
/// Refuses a query value that holds a control character before any endpoint runs: no filter of this API means one, and
/// PostgreSQL's text cannot hold U+0000 (the query would fail with a 500). 400, naming the query key.
/// </summary>
public static class QueryText
{
    public static Task RejectControlCharacters(HttpContext context, RequestDelegate next)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            if (values.Any(value => value is not null && value.Any(char.IsControl)))
            {
                throw DomainException.Invalid(key, $"查询参数“{key}”含控制字符 / query parameter '{key}' holds a control character");
            }
        }

        return next(context);
    }
}
