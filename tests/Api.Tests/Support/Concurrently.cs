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

    /// <summary>
    /// Exactly one of two writes won and the other was refused: with 409 when both read the state before either wrote,
    /// or with the refusal the new state gives (400, 404, 409) when the first finished before the second began — the
    /// test host cannot make two requests overlap, and a cheap refusal can finish first. Two winners always fail.
    /// </summary>
    public static void AssertOneWinner(IReadOnlyList<int> statuses)
    {
        Assert.Equal(2, statuses.Count);
        Assert.Equal(200, statuses[0]);
        Assert.Contains(statuses[1], new[] { 400, 404, 409 });
    }
}
