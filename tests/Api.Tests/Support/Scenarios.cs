using Alba;

namespace FairDraw.Api.Tests.Support;

public static class Scenarios
{
    /// <summary>POSTs <paramref name="body"/> (none when null) as JSON with a token and expects <paramref name="status"/>.</summary>
    public static Task<IScenarioResult> PostAsync(this LedgerHost host, string url, object? body, string token, System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK) =>
        host.Host.Scenario(s =>
        {
            if (body is null)
            {
                s.Post.Url(url);
            }
            else
            {
                s.Post.Json(body).ToUrl(url);
            }

            s.As(token);
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Adds a bearer token to a scenario.</summary>
    public static Scenario As(this Scenario scenario, string token)
    {
        scenario.WithRequestHeader("Authorization", "Bearer " + token);
        return scenario;
    }
}
