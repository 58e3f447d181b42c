using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace FairDraw.Api.Problems;

/// <summary>
/// Problem details repeat what the caller sent (an id in the path, a query value, a JSON member or its name) so that
/// they can see what was refused. Here, for every problem the API writes, each such value longer than
/// <see cref="MaxLength"/> characters is cut to its beginning and "…", wherever a message built it in; a text still
/// longer than <see cref="MaxText"/> (a value reshaped before it was echoed) is cut as a whole. A 1 MB id thus
/// answers a short 400, not a 2 MB one.
/// </summary>
public static class EchoedValues
{
    public const int MaxLength = 64;
    public const int MaxText = 1024;

    private static readonly object Kept = new();

    /// <summary>
    /// Keeps the JSON body of an authorised request readable after the endpoint read it, for
    /// <see cref="Cut(ProblemDetailsContext)"/>: all of it is buffered first, so reading it back never blocks.
    /// </summary>
    public static async Task KeepJsonBody(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.HasJsonContentType() && request.ContentLength is not 0)
        {
            request.EnableBuffering();
            await request.Body.DrainAsync(context.RequestAborted); // a body over the limit throws here: 413, not kept
            request.Body.Position = 0;
            context.Items[Kept] = true;
        }

        await next(context);
    }

    public static string Cut(string value, int length = MaxLength)
    {
        if (value.Length <= length)
        {
            return value;
        }

        var end = char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
        return string.Concat(value.AsSpan(0, end), "…");
    }

    public static void Cut(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var values = LongValues(context.HttpContext.Request).OrderByDescending(value => value.Length).ToList();
        string? Shorten(string? text)
        {
            if (text is null)
            {
                return null;
            }

            foreach (var value in values)
            {
                text = text.Replace(value, Cut(value), StringComparison.Ordinal);
            }

            return Cut(text, MaxText);
        }

        problem.Title = Shorten(problem.Title);
        problem.Detail = Shorten(problem.Detail);
        problem.Instance = Shorten(problem.Instance);
        foreach (var (key, value) in problem.Extensions.ToList())
        {
            if (value is string text)
            {
                problem.Extensions[key] = Shorten(text);
            }
        }
    }

    /// <summary>
    /// The caller's values too long to echo whole: the path and its segments (route values, which the exception
    /// handler clears), query keys and values, JSON strings and member names.
    /// </summary>
    private static IEnumerable<string> LongValues(HttpRequest request)
    {
        IEnumerable<string?> sent =
        [
            request.Path.Value,
            request.Path.ToUriComponent(),
            .. (request.Path.Value ?? "").Split('/'),
            .. request.Query.SelectMany(pair => pair.Value.Prepend(pair.Key)),
            .. JsonStrings(request),
        ];
        return sent.OfType<string>().Where(value => value.Length > MaxLength).Distinct();
    }

    /// <summary>Every string and member name of a kept JSON body, up to the first byte that is not JSON.</summary>
    private static List<string> JsonStrings(HttpRequest request)
    {
        var found = new List<string>();
        if (!request.HttpContext.Items.ContainsKey(Kept))
        {
            return found;
        }

        request.Body.Position = 0;
        using var buffer = new MemoryStream();
        request.Body.CopyTo(buffer);
        request.Body.Position = 0;
        var reader = new Utf8JsonReader(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueSpan.Length > MaxLength)
                {
                    found.Add(reader.GetString()!);
                }
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // Not JSON (or not UTF-8) from here on: what follows was not read as values, and MaxText bounds any echo.
        }

        return found;
    }
}
