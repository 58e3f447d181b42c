using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Projections.Draws;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FairDraw.Api.Tests.Draws;

/// <summary>A frozen pool's kept copy is written in numbered parts and read back whole.</summary>
[Collection(nameof(DrawCollection))]
public sealed class KeepingPoolCopies(DrawHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(40, 7)]     // a copy of many parts, the last one short
    [InlineData(0, 64)]     // an empty pool: one empty part
    public async Task A_copy_kept_in_parts_reads_back_byte_for_byte_and_keeping_it_again_changes_nothing(int members, int partSize)
    {
        var dataSource = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        var copies = new FrozenPoolCopies(dataSource, fixture.Schema, partSize);
        var pool = EntityPool.Freeze(Enumerable.Range(0, members).Select(i => new EntityMember(i % 3 == 0 ? "A" : "B类", $"9152010{i:D10}X")));
        for (var time = 0; time < 2; time++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(SessionOptions.ForTransaction(transaction));
            await copies.KeepAsync(session, pool, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal(pool.Copy().ToArray(), await copies.ReadAsync(pool.CopySha256, CancellationToken.None));
        await using var parts = dataSource.CreateCommand($"select count(*) from {fixture.Schema}.entity_pool_copy_parts where sha256 = $1");
        parts.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pool.CopySha256 });
        Assert.Equal((long)Math.Max(1, (pool.CopyLength + partSize - 1) / partSize), await parts.ExecuteScalarAsync());
        Assert.Null(await copies.ReadAsync(new string('0', 64), CancellationToken.None));
    }
}
