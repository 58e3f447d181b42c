using Alba;

namespace FairDraw.Api.Tests.Support;

public static class HostReads
{
    /// <summary>GETs <paramref name="url"/> with a token, expects 200, and reads the JSON body.</summary>
    public static async Task<T?> GetAsJson<T>(this IAlbaHost host, string url, string token) =>
        await (await host.GetOkAsync(url, token)).ReadAsJsonAsync<T>();

    /// <summary>GETs <paramref name="url"/> with a token, expects 200, and reads the body as it was sent.</summary>
    public static async Task<string> GetAsText(this IAlbaHost host, string url, string token) =>
        await (await host.GetOkAsync(url, token)).ReadAsTextAsync();

    private static Task<IScenarioResult> GetOkAsync(this IAlbaHost host, string url, string token) => host.Scenario(s =>
    {
        s.Get.Url(url);
        s.As(token);
        s.StatusCodeShouldBeOk();
    });
}
