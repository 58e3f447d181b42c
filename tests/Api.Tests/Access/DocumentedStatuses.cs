using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Access;

public static class DocumentedStatuses
{
    /// <summary>The API's OpenAPI document, as a client downloads it.</summary>
    public static async Task<JsonElement> OpenApiDocumentAsync(this LedgerHost host)
    {
        var result = await host.Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.StatusCodeShouldBeOk();
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
    }

    /// <summary>The success statuses (2xx) the OpenAPI document gives the operation <paramref name="method"/> <paramref name="route"/>.</summary>
    public static async Task<IReadOnlyList<int>> DocumentedSuccessAsync(this LedgerHost host, string method, string route) =>
        Successes((await host.OpenApiDocumentAsync()).GetProperty("paths").GetProperty(route).GetProperty(method.ToLowerInvariant()));

    public static IReadOnlyList<int> Successes(JsonElement operation) =>
        [.. operation.GetProperty("responses").EnumerateObject().Select(response => response.Name).Where(status => status.StartsWith('2')).Select(int.Parse)];
}
