using Alba;

namespace FairDraw.Api.Tests.Support;

public static class HostReads
{
    /// <summary>GETs <paramref name="url"/> with a token, expects 200, and reads the JSON body.</summary>
    public static async Task<T?> GetAsJson<T>(this IAlbaHost host, string url, string token)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.As(token);
            s.StatusCodeShouldBeOk();
        });
        return await result.ReadAsJsonAsync<T>();
    }
}
