using Alba;

namespace FairDraw.Api.Tests.Support;

public static class Concurrently
{
    /// <summary>Sends the same write <paramref name="times"/> times at once and returns the status codes in ascending order.</summary>
    public static async Task<IReadOnlyList<int>> StatusesAsync(this IAlbaHost host, int times, Action<Scenario> send) =>
        [.. (await Task.WhenAll(Enumerable.Range(0, times).Select(_ => host.Scenario(s =>
        {
            send(s);
            s.IgnoreStatusCode();
        })))).Select(result => result.Context.Response.StatusCode).Order()];
}
