using Alba;

namespace FairDraw.Api.Tests.Support;

public static class Scenarios
{
    /// <summary>Adds a bearer token to a scenario.</summary>
    public static Scenario As(this Scenario scenario, string token)
    {
        scenario.WithRequestHeader("Authorization", "Bearer " + token);
        return scenario;
    }
}
