using FairDraw.Api.Tests.Draws;
using FairDraw.Api.Tests.Results;
using FairDraw.Ledger.Results;

namespace FairDraw.Api.Tests.FollowUps;

public static class FollowUpRequests
{
    /// <summary>
    /// Draws the task and has the first inspector record <see cref="ResultRequests.Found"/> (as <paramref name="change"/>
    /// makes it) at an entity with two inspectors; returns the entity.
    /// </summary>
    public static async Task<string> RecordedAsync(this DrawHost host, Func<ResultInput, ResultInput>? change = null)
    {
        var (_, entity, inspectors) = await host.DrawnAsync();
        var found = ResultRequests.Found(inspectors);
        await host.RecordAsync(host.InspectorToken(inspectors[0]), new RecordResult(entity, ResultRequests.Item, change is null ? found : change(found)));
        return entity;
    }
}
