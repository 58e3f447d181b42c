using System.Net;
using System.Security.Claims;
using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Draws;
using FairDraw.Api.Plans;
using FairDraw.Api.Tests.Plans;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Plans;
using FairDraw.Projections.Draws;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using NodaTime;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// A freeze and an adjustment of its plan made to overlap: each test holds the plan's lock in a session of its own (a
/// freeze or an adjustment that has begun), sends the other request, waits until PostgreSQL shows it blocked on that
/// lock, then completes the first in the same session. Whichever took the lock first is what the other one sees.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class FreezingWhilePlansChange(DrawHost fixture) : IAsyncLifetime
{
    private static readonly AdjustPlan RatioRaised = PlanHost.Adjustment("提高抽查比例", PlanHost.CityPlan(PlanHost.FoodTask("T01", "1/5")));

    private static readonly Actor FoodDivision = new("food-division", Role.BusinessDivision, DivisionCode.Parse("520100"));

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_adjustment_overlapping_a_freeze_waits_for_it_and_then_finds_the_task_drawn()
    {
        await using var freezing = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        await PlanLocks.ForDrawAsync(freezing, DrawHost.TaskId, CancellationToken.None);

        var adjustment = fixture.Host.Scenario(s =>
        {
            s.Post.Json(RatioRaised).ToUrl($"/api/plans/{DrawHost.PlanId}/adjustments");
            s.As(fixture.FoodDivision);
            s.IgnoreStatusCode();
        });
        await BlockedOnThePlanAsync("for update");
        await fixture.Host.Services.GetRequiredService<DrawSteps>().FreezeAsync(freezing, DrawHost.TaskId, new FreezePool(null), FoodDivision, CancellationToken.None);

        var refused = await adjustment;
        Assert.Equal((int)HttpStatusCode.Conflict, refused.Context.Response.StatusCode);
        Assert.Contains("has been drawn", await refused.ReadAsTextAsync());
    }

    [Fact]
    public async Task A_freeze_overlapping_an_adjustment_waits_for_it_and_then_finds_the_plan_no_longer_filed()
    {
        await using var adjusting = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        await PlanLocks.ForChangeAsync(adjusting, PlanId.Parse(DrawHost.PlanId), CancellationToken.None);

        var freeze = fixture.Host.Scenario(s =>
        {
            s.Post.Json(new FreezePool(null)).ToUrl(DrawRequests.Url(DrawHost.TaskId, "pool"));
            s.As(fixture.FoodDivision);
            s.IgnoreStatusCode();
        });
        await BlockedOnThePlanAsync("for share");
        var services = fixture.Host.Services;
        var token = await new JsonWebTokenHandler().ValidateTokenAsync(fixture.FoodDivision, services.GetRequiredService<TokenService>().ValidationParameters());
        var user = new ClaimsPrincipal(token.ClaimsIdentity);
        await ChangePlanEndpoints.PostAdjustment(
            DrawHost.PlanId, RatioRaised, user, adjusting, services.GetRequiredService<EntityPoolReader>(), services.GetRequiredService<IClock>(), CancellationToken.None);

        var refused = await freeze;
        Assert.Equal((int)HttpStatusCode.Conflict, refused.Context.Response.StatusCode);
        Assert.Contains("not filed", await refused.ReadAsTextAsync());
        Assert.Null((await TaskDraws.LoadAsync(adjusting, DrawHost.TaskId)).State);
    }

    /// <summary>Waits until a backend of this database waits for a lock in the plan lock's statement taken <paramref name="strength"/>.</summary>
    private Task BlockedOnThePlanAsync(string strength) =>
        fixture.WaitUntilAsync($"a request waiting for the plan's lock ({strength})", $"wait_event_type = 'Lock' and query like '%{fixture.Schema}.mt_streams%{strength}%'");
}
