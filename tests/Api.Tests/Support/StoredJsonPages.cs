using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using FairDraw.Api.Reads;
using FairDraw.Projections.Directories;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FairDraw.Api.Tests.Support;

/// <summary>
/// A list answered from stored JSON (<see cref="StoredJsonPage{T}"/>) must be, member for member and in the same order,
/// the JSON the API would write for the same documents read into objects.
/// </summary>
public static class StoredJsonPages
{
    /// <summary>
    /// GETs a page of revisions and compares it with the typed page of <paramref name="expected"/> (the documents the
    /// page should hold, read through Marten), written with the API's JSON options. Returns the answer.
    /// </summary>
    public static async Task<JsonObject> AssertSameAsTypedAsync<T>(
        IAlbaHost host, string url, string token, Func<IQueryable<T>, IQueryable<T>> expected)
        where T : Revision
    {
        var answer = JsonNode.Parse(await host.GetAsText(url, token))!.AsObject();
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var documents = await expected(session.Query<T>()).ToListAsync();
        var options = host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var typed = new Page<T>(
            documents,
            (int?)answer["pageNumber"],
            (int)answer["pageSize"]!,
            (long?)answer["total"],
            (string?)answer["next"]);
        var written = JsonSerializer.SerializeToNode(typed, options)!.AsObject();

        Assert.True(JsonNode.DeepEquals(written, answer), $"{url}\nexpected {written.ToJsonString()}\nanswered {answer.ToJsonString()}");
        Assert.Equal(Names(written), Names(answer));
        return answer;
    }

    /// <summary>The member names of the page and of each item, in order (DeepEquals does not compare order).</summary>
    private static string[] Names(JsonObject page) =>
    [
        .. page.Select(member => member.Key),
        .. page["items"]!.AsArray().SelectMany(item => item!.AsObject().Select(member => member.Key)),
    ];
}
