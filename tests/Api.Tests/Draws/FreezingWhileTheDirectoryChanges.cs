using System.Net;
using Alba;
using FairDraw.Api.Entities;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Entities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>
/// A freeze that starts while a change to the directory is being written: the change has its ledger position, a later
/// change has already committed past it, and it has not committed yet. The test holds the change back with a row lock
/// on the entity's current revision, which the change's inline projection must update, and releases it once the freeze
/// is waiting. Read as of the newest position at once, the pool would miss the change that commits below that position
/// afterwards, and verification, which rebuilds the pool as of the same position later, would find another root.
/// </summary>
[Collection(nameof(DrawCollection))]
public sealed class FreezingWhileTheDirectoryChanges(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_freeze_waits_for_a_directory_change_in_flight_so_that_its_pool_is_the_one_verification_rebuilds()
    {
        var dataSource = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        var registrar = fixture.Token(Role.Registrar, "520100", "registrar");
        var deregistered = fixture.Entities[0];

        await using var holder = await dataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRevision = new NpgsqlCommand(
            $"select 1 from {fixture.Schema}.mt_doc_entityrevision where uscc = @uscc and is_current for update", holder))
        {
            lockRevision.Parameters.AddWithValue("uscc", deregistered);
            await lockRevision.ExecuteNonQueryAsync();
        }

        var change = fixture.Host.Scenario(s =>
        {
            s.Post.Json(new ChangeEntityStatus("注销", "注销登记")).ToUrl($"/api/entities/{deregistered}/status");
            s.As(registrar);
        });
        // Conditions name this collection's schema: other collections run beside it in the same database.
        await fixture.WaitUntilAsync("the status change waits for the revision's lock", $"wait_event_type = 'Lock' and query like '%{fixture.Schema}.%'");
        var later = Uscc.Complete("91520102M0000001").Value;
        await fixture.PostAsync(
            "/api/entities",
            new EntityInput(later, "后登记的食品企业", "企业", "520102", "南明区市场监督管理局", "示例路200号", "C1391", "B", [], "存续"),
            registrar,
            HttpStatusCode.Created);

        var freeze = fixture.Host.Scenario(s =>
        {
            s.Post.Json(new FreezePool(null)).ToUrl(DrawRequests.Url(DrawHost.TaskId, "pool"));
            s.As(fixture.FoodDivision);
        });
        await fixture.WaitUntilAsync("the freeze waits for the writes in flight", $"state = 'active' and query like '%{fixture.Schema}.ledger_settled_position%'");
        await hold.CommitAsync();
        await change;

        var frozen = (await (await freeze).ReadAsJsonAsync<PoolFrozen>())!;
        Assert.Equal(160, frozen.EntityCount); // 160 seeded, one deregistered before the position, one registered
        await fixture.DrawUntilAsync(DrawHost.TaskId, fixture.FoodDivision, "assignments", from: "commitment");
        await fixture.CheckpointAsync();
        var report = (await (await fixture.Host.Scenario(s => s.Get.Url($"/api/tasks/{DrawHost.TaskId}/draw/verification"))).ReadAsJsonAsync<TaskVerification>())!.Rounds[^1];
        Assert.Equal("ok", report.Checks.Single(check => check.Name == "entity-pool").Detail);
        Assert.Equal("ok", report.Checks.Single(check => check.Name == "selection").Detail);
    }
}
