using FairDraw.Api.Demo;
using FairDraw.Ledger;
using FairDraw.Projections.Integrity;
using Npgsql;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// Each kind of tampering, applied directly in SQL by a superuser to a ledger of a few thousand events, is reported
/// as exactly that kind, naming exactly that event; an untouched ledger has no finding.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed class DetectingTampering(IntegrityHost fixture) : IAsyncLifetime
{
    // A stream of three events (registered, updated, deregistered) and a stream of one.
    public static readonly string Long = StreamKeys.Entity(DemoEntities.Generate(1).Single().Uscc!);
    private static readonly string Short = StreamKeys.Entity(DemoEntities.Generate(IntegrityHost.Updated + 1).Last().Uscc!);

    public Task InitializeAsync() => fixture.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_untouched_ledger_has_no_finding()
    {
        var report = await fixture.VerifyAsync();
        Assert.Empty(report.Findings);
        var events = IntegrityHost.Entities + (2 * IntegrityHost.Updated);
        Assert.Equal((events, events, events, 0L), (report.Events, report.Leaves, report.SignedTreeSize, report.EventsNotYetLogged));
    }

    [Fact]
    public async Task The_event_table_refuses_updates_and_deletes()
    {
        await using var update = fixture.Superuser.CreateCommand($"update {fixture.Schema}.mt_events set version = version where seq_id = 1");
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_modified_payload_is_reported_at_that_event()
    {
        var sequence = await fixture.SequenceOfAsync(Long, 2);
        await fixture.TamperAsync($"update {{s}}.mt_events set data = jsonb_set(data, '{{Name}}', '\"篡改后的名称\"') where seq_id = {sequence}");
        await AssertOnly(FindingKind.Modified, Long, 2, sequence);
    }

    [Fact]
    public async Task Modified_metadata_is_reported_at_that_event()
    {
        var sequence = await fixture.SequenceOfAsync(Short, 1);
        await fixture.TamperAsync($"update {{s}}.mt_events set headers = jsonb_set(headers, '{{actor}}', '\"someone-else\"') where seq_id = {sequence}");
        await AssertOnly(FindingKind.Modified, Short, 1, sequence);
    }

    [Fact]
    public async Task An_event_deleted_from_the_middle_of_a_stream_is_reported()
    {
        var sequence = await fixture.SequenceOfAsync(Long, 2);
        await fixture.TamperAsync($"delete from {{s}}.mt_events where seq_id = {sequence}");
        await AssertOnly(FindingKind.Deleted, Long, 2, sequence);
    }

    [Fact]
    public async Task An_event_deleted_from_the_tail_up_to_the_last_checkpoint_is_reported()
    {
        var sequence = await fixture.SequenceOfAsync(Long, 3);
        await fixture.TamperAsync($"delete from {{s}}.mt_events where seq_id = {sequence}; update {{s}}.mt_streams set version = 2 where id = '{Long}'");
        await AssertOnly(FindingKind.Deleted, Long, 3, sequence);
    }

    [Fact]
    public async Task An_inserted_event_is_reported()
    {
        // A copy of a real event's row, placed below the signed log as a fourth version of the stream.
        var sequence = await fixture.SequenceOfAsync(Long, 3);
        await fixture.TamperAsync($$"""
            insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived)
            select 0, gen_random_uuid(), stream_id, 4, data, type, timestamp, tenant_id, mt_dotnet_type, headers, false
            from {s}.mt_events where seq_id = {{sequence}}
            """);
        await AssertOnly(FindingKind.Inserted, Long, 4, 0);
    }

    [Fact]
    public async Task Reordered_events_are_one_finding_naming_both_positions()
    {
        var (first, second) = (await fixture.SequenceOfAsync(Long, 1), await fixture.SequenceOfAsync(Long, 2));
        await fixture.TamperAsync($$"""
            update {s}.mt_events set version = 1000 where seq_id = {{first}};
            update {s}.mt_events set version = 1 where seq_id = {{second}};
            update {s}.mt_events set version = 2 where seq_id = {{first}}
            """);
        await AssertOnly(FindingKind.Reordered, Long, 1, first);
        Assert.Contains($"versions 1 and 2 exchanged places (sequences {first} and {second})", (await fixture.VerifyAsync()).Findings[0].Detail);
    }

    [Fact]
    public async Task One_missing_log_row_is_one_finding_naming_its_intact_event()
    {
        var sequence = await fixture.SequenceOfAsync(Short, 1);
        await using var leafOf = fixture.DataSource.CreateCommand($"select leaf_index from {fixture.Schema}.ledger_log where seq_id = {sequence}");
        var leaf = (long)(await leafOf.ExecuteScalarAsync())!;
        await fixture.TamperAsync($"delete from {{s}}.ledger_log where seq_id = {sequence}");
        var report = await fixture.VerifyAsync();
        var finding = Assert.Single(report.Findings);
        Assert.Equal((FindingKind.LogAltered, Short, 1L, sequence), (finding.Kind, finding.StreamKey!, finding.Version!.Value, finding.Sequence!.Value));
        Assert.Contains($"leaf {leaf} is missing from the log: its rows were deleted, the events they logged (sequence {sequence}) are intact", finding.Detail);
        Assert.Contains("2 signed checkpoints beyond it could not be compared with the leaves", finding.Detail);
    }

    [Fact]
    public async Task An_event_moved_to_another_stream_is_reported()
    {
        var sequence = await fixture.SequenceOfAsync(Long, 3);
        await fixture.TamperAsync($"update {{s}}.mt_events set stream_id = '{Short}', version = 2 where seq_id = {sequence}");
        await AssertOnly(FindingKind.Moved, Long, 3, sequence);
    }

    [Fact]
    public async Task A_rewritten_log_is_reported()
    {
        await fixture.TamperAsync("update {s}.ledger_log set leaf_hash = sha256(leaf_hash) where leaf_index = 7");
        var report = await fixture.VerifyAsync();
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.LogAltered);
    }

    [Fact]
    public async Task An_altered_leaf_row_is_one_finding_naming_its_intact_event()
    {
        await fixture.TamperAsync("update {s}.ledger_log set leaf_hash = sha256(leaf_hash) where leaf_index = 7");
        await using var eventOf = fixture.DataSource.CreateCommand($"select stream_key, version, seq_id from {fixture.Schema}.ledger_log where leaf_index = 7");
        await using var reader = await eventOf.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (stream, version, sequence) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
        await reader.CloseAsync();

        var finding = Assert.Single((await fixture.VerifyAsync()).Findings);
        Assert.Equal((FindingKind.LogAltered, stream, version, sequence), (finding.Kind, finding.StreamKey!, finding.Version!.Value, finding.Sequence!.Value));
        Assert.Equal("the log's leaf 7 was altered: the event still rebuilds the leaf the signed roots hold", finding.Detail);
    }

    private async Task AssertOnly(FindingKind kind, string stream, long version, long sequence)
    {
        var report = await fixture.VerifyAsync();
        var finding = Assert.Single(report.Findings);
        Assert.Equal((kind, stream, version, sequence), (finding.Kind, finding.StreamKey!, finding.Version!.Value, finding.Sequence!.Value));
    }
}
