using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FairDraw.Api.Tests.Integrity;

[Collection(nameof(IntegrityCollection))]
public sealed partial class IntegratingLateCommits(IntegrityHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private IDocumentStore Store => fixture.Host.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Sequence_gaps_and_a_commit_below_an_integrated_sequence_are_integrated_without_findings()
    {
        // No settle time and a sweep on every pass, so the late commit must be found by the sweep.
        var log = new LedgerLog(fixture.DataSource, fixture.Schema, fixture.Host.Services.GetRequiredService<CheckpointSigner>(), fixture.KeptCheckpoint,
            new LedgerLogOptions(TimeSpan.Zero, 1), NullLogger.Instance);

        await using (var gap = fixture.DataSource.CreateCommand($"select nextval('{fixture.Schema}.mt_events_sequence') from generate_series(1, 3)"))
        {
            await gap.ExecuteNonQueryAsync(); // three sequence numbers nobody will ever use, as after rolled-back transactions
        }

        await using (var first = Store.LightweightSession())
        {
            await IntegrityHost.RegisterAsync(first, "MA6LATE1");
        }

        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using var slow = await connection.BeginTransactionAsync();
        await using (var slowSession = Store.LightweightSession(SessionOptions.ForTransaction(slow)))
        {
            await IntegrityHost.RegisterAsync(slowSession, "MA6LATE2"); // takes its sequence number now, commits later
        }

        await using (var fast = Store.LightweightSession())
        {
            await IntegrityHost.RegisterAsync(fast, "MA6LATE3");
        }

        var before = await log.IntegrateAsync(CancellationToken.None);
        await slow.CommitAsync();
        var after = await log.IntegrateAsync(CancellationToken.None);
        await log.CheckpointAsync(CancellationToken.None);

        Assert.Equal((2, 0), (before.Integrated, before.Late));
        Assert.Equal((0, 1, 3L), (after.Integrated, after.Late, after.TreeSize));
        var report = await fixture.VerifyAsync();
        Assert.Empty(report.Findings);
        Assert.Equal((3L, 3L, 3L), (report.Events, report.Leaves, report.SignedTreeSize));
    }

    [Fact]
    public async Task Every_append_path_seals_events_into_their_chain()
    {
        await using (var session = Store.LightweightSession())
        {
            await IntegrityHost.RegisterAsync(session, "MA6CHAN0");
        }

        await using var query = Store.QuerySession();
        var stored = Assert.Single(await query.Events.QueryAllRawEvents().ToListAsync());
        Assert.Equal(new string('0', 64), stored.GetHeader(EventChain.PreviousHeader)?.ToString());
        Assert.Equal(64, stored.GetHeader(EventChain.ChainHeader)?.ToString()?.Length);
        Assert.Equal("registrar", stored.GetHeader(EventChain.ActorHeader)?.ToString());
    }

    [Fact]
    public async Task An_unchained_row_is_refused_once_and_recorded_never_logged()
    {
        await using (var session = Store.LightweightSession())
        {
            await IntegrityHost.RegisterAsync(session, "MA6REFU0");
        }

        await fixture.TamperAsync("""
            insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived)
            select seq_id + 1000, gen_random_uuid(), stream_id, 2, data, type, timestamp, tenant_id, mt_dotnet_type, null, false
            from {s}.mt_events
            """);

        var first = await fixture.Log.IntegrateAsync(CancellationToken.None);
        var second = await fixture.Log.IntegrateAsync(CancellationToken.None);

        Assert.Equal((1, 1, 1L), (first.Integrated, first.Refused, first.TreeSize));
        Assert.Equal((0, 0, 1L), (second.Integrated, second.Refused, second.TreeSize));
        await using var reasons = fixture.DataSource.CreateCommand($"select reason from {fixture.Schema}.ledger_refused");
        Assert.Contains("no chain headers", (string)(await reasons.ExecuteScalarAsync())!, StringComparison.Ordinal);
        Assert.Contains((await fixture.VerifyAsync()).Findings, f => f.Kind == FindingKind.Inserted && f.Version == 2);
    }
}
