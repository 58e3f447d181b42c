using System.Text;
using FairDraw.Ledger;

namespace FairDraw.Api.Problems;

/// <summary>
/// Refuses, before any endpoint runs, two requests that no endpoint of this API can mean and that would otherwise fail
/// inside one with a 500: a query value holding a control character (<see cref="Text.Printable"/>: PostgreSQL's text
/// cannot hold U+0000), and a JSON
/// body that is the literal <c>null</c> (every body is an object or an array). 400, naming the query key or "body".
/// </summary>
public static class RequestChecks
{
    public static async Task Refuse(HttpContext context, RequestDelegate next)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            foreach (var value in values)
            {
                Text.Printable(value ?? "", key); // the rule every text field of the ledger follows
            }
        }

        if (context.Request.HasJsonContentType() && context.Request.ContentLength is > 0 and <= 64 && await IsNullAsync(context.Request))
        {
            throw DomainException.Invalid("body", "请求体不能为null / the body cannot be null: send a JSON object");
        }

        await next(context);
    }

    /// <summary>Whether a short body is the JSON literal null (the body is rewound for the endpoint).</summary>
    private static async Task<bool> IsNullAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var buffer = new byte[(int)request.ContentLength!.Value];
        await request.Body.ReadExactlyAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return Encoding.UTF8.GetString(buffer).Trim() == "null";
    }
}
