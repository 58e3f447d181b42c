using Alba;
using FairDraw.Api.Demo;
using FairDraw.Api.Entities;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static FairDraw.Projections.Integrity.FindingKind;

namespace FairDraw.Api.Tests.Integrity;

public sealed partial class TamperMatrix
{
    /// <summary>Each case tampers with the seeded ledger and returns the findings it must cause, in the report's order.</summary>
    private static readonly Dictionary<string, Func<IntegrityHost, Task<IReadOnlyList<Named>>>> Tamperings = new()
    {
        ["modify"] = async host =>
        {
            var sequence = await host.SequenceOfAsync(Long, 2);
            await host.TamperAsync($"update {{s}}.mt_events set data = jsonb_set(data, '{{Name}}', '\"篡改后的名称\"') where seq_id = {sequence}");
            return [new(Modified, Long, 2, sequence)];
        },
        ["delete the middle"] = async host =>
        {
            var sequence = await host.SequenceOfAsync(Long, 2);
            await host.TamperAsync($"delete from {{s}}.mt_events where seq_id = {sequence}");
            return [new(Deleted, Long, 2, sequence)];
        },
        ["delete the signed tail"] = async host =>
        {
            var sequence = await host.SequenceOfAsync(Long, 3);
            await host.TamperAsync($"delete from {{s}}.mt_events where seq_id = {sequence}");
            return [new(Deleted, Long, 3, sequence)];
        },
        ["delete the unsigned tail"] = async host =>
        {
            var stream = await AppendUnsignedStreamAsync(host);
            await host.TamperAsync($"delete from {{s}}.mt_events where seq_id = {await host.SequenceOfAsync(stream, 2)}");
            return [new(Deleted, stream, 2, null)];
        },
        ["delete an unsigned first event"] = async host =>
        {
            var stream = await AppendUnsignedStreamAsync(host);
            await host.TamperAsync($"delete from {{s}}.mt_events where seq_id = {await host.SequenceOfAsync(stream, 1)}");
            return [new(Deleted, stream, 1, null)];
        },
        ["forge"] = async host =>
        {
            // A copy of a real event's row, placed below the signed log as a fourth version of the stream.
            var sequence = await host.SequenceOfAsync(Long, 3);
            await host.TamperAsync($$"""
                insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived)
                select 0, gen_random_uuid(), stream_id, 4, data, type, timestamp, tenant_id, mt_dotnet_type, headers, false
                from {s}.mt_events where seq_id = {{sequence}}
                """);
            return [new(Inserted, Long, 4, 0)];
        },
        ["reorder"] = async host =>
        {
            var (first, second) = (await host.SequenceOfAsync(Long, 1), await host.SequenceOfAsync(Long, 2));
            await host.TamperAsync($$"""
                update {s}.mt_events set version = 1000 where seq_id = {{first}};
                update {s}.mt_events set version = 1 where seq_id = {{second}};
                update {s}.mt_events set version = 2 where seq_id = {{first}}
                """);
            return [new(Reordered, Long, 1, first)];
        },
        ["move"] = async host =>
        {
            var sequence = await host.SequenceOfAsync(Long, 3);
            await host.TamperAsync($"update {{s}}.mt_events set stream_id = '{Short}', version = 2 where seq_id = {sequence}");
            return [new(Moved, Long, 3, sequence)];
        },
        ["swap across streams"] = async host =>
        {
            var (shortFirst, longSecond) = (await host.SequenceOfAsync(Short, 1), await host.SequenceOfAsync(Long, 2));
            await host.TamperAsync($$"""
                update {s}.mt_events set seq_id = -1 where seq_id = {{shortFirst}};
                update {s}.mt_events set seq_id = {{shortFirst}} where seq_id = {{longSecond}};
                update {s}.mt_events set seq_id = {{longSecond}} where seq_id = -1
                """);
            return [new(Swapped, Short, 1, shortFirst)];
        },
        ["change the timestamp"] = async host =>
        {
            // The row's recording time is not part of the ledger, and nothing served shows it (issue 19, point 5).
            var history = $"/api/entities/{DemoEntities.Generate(1).Single().Uscc}/history";
            var before = await ReadAsync(host, history);
            await host.TamperAsync($"update {{s}}.mt_events set timestamp = timestamp - interval '400 days' where stream_id = '{Long}'");
            Assert.Equal(before, await ReadAsync(host, history));
            return [];
        },
        ["delete the newest checkpoint"] = async host =>
        {
            await host.TamperAsync($"delete from {{s}}.ledger_checkpoints where tree_size = {Signed}");
            return [new(CheckpointDeleted, null, null, null, Signed)];
        },
        ["delete all checkpoints"] = async host =>
        {
            await host.TamperAsync("delete from {s}.ledger_checkpoints");
            return [new(CheckpointDeleted, null, null, null, Signed)];
        },
        ["delete the log's tail with its checkpoints"] = async host =>
        {
            await host.TamperAsync($"delete from {{s}}.ledger_log where leaf_index >= {Signed - 10}; delete from {{s}}.ledger_checkpoints where tree_size > {Signed - 10}");
            return [new(Rollback, null, null, null, Signed)];
        },
        ["rewrite, rechain, relog and resign"] = async host =>
        {
            await RewriteAsync(host, await host.SequenceOfAsync(Short, 1));
            var stored = await host.VerifyAsync();
            Assert.True(stored.Intact, "the database alone cannot tell: " + string.Join("; ", stored.Findings));
            return [new(Rewritten, null, null, null, Signed)];
        },
    };

    /// <summary>A new stream of two events after the last checkpoint: registered and updated, neither logged nor signed.</summary>
    private static async Task<string> AppendUnsignedStreamAsync(IntegrityHost host)
    {
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        await IntegrityHost.RegisterAsync(session, "MA6UNT01");
        var uscc = Uscc.Complete("91520102MA6UNT01").Value;
        await using var update = store.LightweightSession();
        var current = await EntityReads.CurrentAsync(update, uscc);
        var registrar = new Actor("registrar", Role.Registrar, DivisionCode.Parse("520102"));
        var events = EntityDecisions.UpdateDetails(
            new UpdateEntityDetails(current!.Name + "（更名）", current.Address, current.Industry, "D", []), current.ToState(), registrar, host.Clock.GetCurrentInstant());
        var stream = FairDraw.Ledger.StreamKeys.Entity(uscc);
        await StreamAppend.AppendAsync(update, stream, current, events);
        return stream;
    }

    /// <summary>
    /// The attack the database alone cannot show: the event at <paramref name="sequence"/> (the only one of its stream)
    /// gets another name and a chain hash recomputed over it; the log and its checkpoints are emptied, the log is rebuilt
    /// from the events and a checkpoint of the same size is signed with the same key.
    /// </summary>
    private static async Task RewriteAsync(IntegrityHost host, long sequence)
    {
        await host.TamperAsync($"update {{s}}.mt_events set data = jsonb_set(data, '{{Name}}', '\"改写后的名称\"') where seq_id = {sequence}");
        await using (var read = host.DataSource.CreateCommand($"select {StoredEvent.Columns} from {host.Schema}.mt_events e where e.seq_id = {sequence}"))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var chain = Convert.ToHexStringLower(StoredEvent.Read(reader).Unseal(out _)!.Chain);
            await reader.CloseAsync();
            await host.TamperAsync($"update {{s}}.mt_events set headers = jsonb_set(headers, '{{chain}}', '\"{chain}\"') where seq_id = {sequence}");
        }

        await host.TamperAsync("delete from {s}.ledger_log; delete from {s}.ledger_checkpoints");
        File.Delete(host.KeptCheckpoint.Path); // the operator holds the server's files too, else the log refuses to rebuild
        var integration = await host.Log.IntegrateAsync(CancellationToken.None);
        Assert.Equal((0, Signed), (integration.Refused, integration.TreeSize));

        // Signed as the operator holding the key would, whatever the log worker's own guard against forks says.
        var leaves = await host.LeavesAsync();

        var signer = host.Host.Services.GetRequiredService<CheckpointSigner>();
        var root = MerkleTree.Root(leaves);
        await using var insert = host.DataSource.CreateCommand(
            $"insert into {host.Schema}.ledger_checkpoints (tree_size, root_hash, signed_note) values (@size, @root, @note)");
        insert.Parameters.AddWithValue("size", (long)leaves.Count);
        insert.Parameters.AddWithValue("root", root);
        insert.Parameters.AddWithValue("note", signer.Sign(new Checkpoint(signer.KeyName, leaves.Count, root)));
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<string> ReadAsync(IntegrityHost host, string url)
    {
        var answer = await host.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.As(host.Token(Role.Auditor));
        });
        return await answer.ReadAsTextAsync();
    }
}
