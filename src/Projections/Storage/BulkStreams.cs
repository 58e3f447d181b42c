using System.Buffers;
using System.Security.Cryptography;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Integrity;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace FairDraw.Projections.Storage;

/// <summary>
/// The bulk path for starting many new streams of one directory at once (imports), inside the caller's transaction, in
/// three steps a caller can pipeline: <see cref="TakePositionsAsync"/> takes a chunk's ledger positions,
/// <see cref="Prepare"/> seals its events into their chains and projects their revisions with the very projection the
/// ordinary path runs inline (CPU only, so the next chunk can be prepared while one is written), and
/// <see cref="WriteAsync"/> copies streams, events and revisions in with PostgreSQL binary COPY on the transaction's
/// connection. The rows are those Marten's ordinary append and inline projection write, column for column (a test
/// compares them). Because everything goes through the caller's one transaction, a failure anywhere — a stream that
/// exists after all, a lost connection, a cancelled request — leaves nothing behind.
/// </summary>
public sealed class BulkStreams<TState, TRevision>(
    IDocumentStore store, RevisionProjection<TState, TRevision> projection, IReadOnlyList<DuplicatedColumn> duplicated)
    where TState : class
    where TRevision : Revision
{
    private readonly string eventSchema = store.Options.Events.DatabaseSchemaName;
    private readonly string revisionTable = Revision.TableOf<TRevision>(store.Options.DatabaseSchemaName);
    private readonly IEventRegistry registry = ((DocumentStore)store).Events;
    private readonly ISerializer serializer = store.Options.Serializer();

    /// <summary>Takes <paramref name="count"/> ledger positions (event sequence numbers) in the connection's transaction.</summary>
    public async Task<long[]> TakePositionsAsync(NpgsqlConnection connection, int count, CancellationToken cancellation)
    {
        var positions = new long[count];
        await using var command = new NpgsqlCommand($"select nextval('{eventSchema}.mt_events_sequence') from generate_series(1, $1)", connection);
        command.Parameters.AddWithValue(count);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        for (var i = 0; await reader.ReadAsync(cancellation); i++)
        {
            positions[i] = reader.GetInt64(0);
        }

        return positions;
    }

    /// <summary>
    /// Seals new streams (events at versions 1..n, at <paramref name="positions"/> in order) into their chains and
    /// projects their revisions, ready to be written. CPU only. Dispose the chunk once it is written.
    /// </summary>
    public BulkChunk Prepare(IReadOnlyList<(string StreamKey, IReadOnlyList<object> Events)> streams, IReadOnlyList<long> positions)
    {
        var chunk = new BulkChunk(DateTimeOffset.UtcNow);
        var json = chunk.Json;
        var versions = new RandomIds(positions.Count); // a new stream has one revision per event
        var next = 0;
        foreach (var (key, data) in streams)
        {
            var events = StreamAction.Start(registry, key, [.. data]).Events; // ids and type names assigned, as Marten appends
            var previous = LedgerRecord.Genesis.ToArray();
            var version = 0;
            foreach (var e in events)
            {
                e.Version = ++version;
                e.Sequence = positions[next++];
                var payload = json.Append(serializer, e.Data);
                previous = EventChain.Seal(e, key, previous, json.Span(payload));
                chunk.Events.Add(new EventRow(
                    e.Sequence, e.Id, key, e.Version, payload, e.EventTypeName, e.DotNetTypeName, json.Append(serializer, e.Headers)));
            }

            chunk.Streams.Add((key, version));
            foreach (var revision in projection.Project(null, events))
            {
                chunk.Revisions.Add(new RevisionRow(
                    revision.Id, json.Append(serializer, revision), versions.Next(), [.. duplicated.Select(c => c.Value(revision))]));
            }
        }

        if (next != positions.Count)
        {
            throw new InvalidOperationException($"{positions.Count} positions were taken for {next} events");
        }

        return chunk;
    }

    /// <summary>Copies a prepared chunk in on <paramref name="connection"/>, inside its transaction.</summary>
    public async Task WriteAsync(NpgsqlConnection connection, BulkChunk chunk, CancellationToken cancellation)
    {
        await using (var streams = await connection.BeginBinaryImportAsync(
            $"copy {eventSchema}.mt_streams (id, version) from stdin (format binary)", cancellation))
        {
            foreach (var (key, version) in chunk.Streams)
            {
                await streams.StartRowAsync(cancellation);
                await streams.WriteAsync(key, NpgsqlDbType.Varchar, cancellation);
                await streams.WriteAsync((long)version, NpgsqlDbType.Bigint, cancellation);
            }

            await streams.CompleteAsync(cancellation);
        }

        await using (var events = await connection.BeginBinaryImportAsync(
            $"copy {eventSchema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type, headers) from stdin (format binary)",
            cancellation))
        {
            foreach (var e in chunk.Events)
            {
                await events.StartRowAsync(cancellation);
                await events.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, cancellation);
                await events.WriteAsync(e.Id, NpgsqlDbType.Uuid, cancellation);
                await events.WriteAsync(e.StreamKey, NpgsqlDbType.Varchar, cancellation);
                await events.WriteAsync(e.Version, NpgsqlDbType.Bigint, cancellation);
                await events.WriteAsync(chunk.Json.Memory(e.Data), NpgsqlDbType.Jsonb, cancellation);
                await events.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellation);
                await events.WriteAsync(chunk.Recorded, NpgsqlDbType.TimestampTz, cancellation);
                await events.WriteAsync(e.DotNetType, NpgsqlDbType.Varchar, cancellation);
                await events.WriteAsync(chunk.Json.Memory(e.Headers), NpgsqlDbType.Jsonb, cancellation);
            }

            await events.CompleteAsync(cancellation);
        }

        var columns = string.Join(", ", duplicated.Select(c => c.Column));
        await using (var revisions = await connection.BeginBinaryImportAsync(
            $"copy {revisionTable} (id, data, mt_version, mt_dotnet_type, {columns}) from stdin (format binary)", cancellation))
        {
            var dotNetType = typeof(TRevision).FullName!;
            foreach (var r in chunk.Revisions)
            {
                await revisions.StartRowAsync(cancellation);
                await revisions.WriteAsync(r.Id, NpgsqlDbType.Varchar, cancellation);
                await revisions.WriteAsync(chunk.Json.Memory(r.Data), NpgsqlDbType.Jsonb, cancellation);
                await revisions.WriteAsync(r.Version, NpgsqlDbType.Uuid, cancellation);
                await revisions.WriteAsync(dotNetType, NpgsqlDbType.Varchar, cancellation);
                for (var c = 0; c < duplicated.Count; c++)
                {
                    if (r.Duplicated[c] is { } value)
                    {
                        await revisions.WriteAsync(value, duplicated[c].Type, cancellation);
                    }
                    else
                    {
                        await revisions.WriteNullAsync(cancellation);
                    }
                }
            }

            await revisions.CompleteAsync(cancellation);
        }
    }
}

/// <summary>
/// A chunk of new streams sealed and projected by <see cref="BulkStreams{TState,TRevision}.Prepare"/>, ready to be copied
/// in. Its JSON (payloads, headers, revisions) lies in one UTF-8 buffer, which goes back to the pool once the chunk is
/// written (<see cref="Dispose"/>): an import's chunks reuse the same memory instead of each allocating strings.
/// </summary>
public sealed class BulkChunk(DateTimeOffset recorded) : IDisposable
{
    /// <summary>When the chunk's events are recorded as appended (Marten's event timestamp).</summary>
    internal DateTimeOffset Recorded { get; } = recorded;

    internal JsonArena Json { get; } = new();

    internal List<(string Key, int Version)> Streams { get; } = [];

    internal List<EventRow> Events { get; } = [];

    internal List<RevisionRow> Revisions { get; } = [];

    public int StreamCount => Streams.Count;

    public void Dispose() => Json.Dispose();
}

internal sealed record EventRow(long Sequence, Guid Id, string StreamKey, long Version, JsonSlice Data, string Type, string DotNetType, JsonSlice Headers);

internal sealed record RevisionRow(string Id, JsonSlice Data, Guid Version, object?[] Duplicated);

/// <summary>Where one JSON document lies in a <see cref="JsonArena"/>: a segment and a range in it.</summary>
internal readonly record struct JsonSlice(int Segment, int Start, int Length);

/// <summary>
/// UTF-8 buffers rented from the shared pool in segments of 1 MiB, holding many JSON documents one after another, each
/// whole in one segment (a document that outgrows its segment moves to the next). Segments of one size, not one buffer
/// doubled as it fills, so that a chunk holds what its documents take and the pool keeps no ladder of ever larger buffers.
/// </summary>
internal sealed class JsonArena : IBufferWriter<byte>, IDisposable
{
    private const int SegmentSize = 1 << 20;
    private readonly List<byte[]> segments = [ArrayPool<byte>.Shared.Rent(SegmentSize)];
    private int start;
    private int length;

    private byte[] Current => segments[^1];

    /// <summary>Serialises <paramref name="value"/> as the store does, after the documents already here.</summary>
    public JsonSlice Append(ISerializer serializer, object? value)
    {
        start = length;
        serializer.WriteTo(this, value);
        return new JsonSlice(segments.Count - 1, start, length - start);
    }

    public ReadOnlySpan<byte> Span(JsonSlice slice) => segments[slice.Segment].AsSpan(slice.Start, slice.Length);

    public ReadOnlyMemory<byte> Memory(JsonSlice slice) => segments[slice.Segment].AsMemory(slice.Start, slice.Length);

    public void Advance(int count) => length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return Current.AsMemory(length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return Current.AsSpan(length);
    }

    public void Dispose()
    {
        foreach (var segment in segments)
        {
            ArrayPool<byte>.Shared.Return(segment);
        }

        segments.Clear();
    }

    /// <summary>Makes room for <paramref name="sizeHint"/> more bytes of the document being written, in a new segment if need be.</summary>
    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 256);
        if (length + needed > Current.Length)
        {
            var written = length - start;
            var next = ArrayPool<byte>.Shared.Rent(Math.Max(SegmentSize, 2 * (written + needed)));
            Current.AsSpan(start, written).CopyTo(next);
            segments.Add(next);
            (start, length) = (0, written);
        }
    }
}

/// <summary>
/// Random (version 4) document versions, cut from one read of the system's random generator: a <see cref="Guid.NewGuid"/>
/// reads the generator once per id, which costs more than the rest of writing a revision row (docs/performance.md).
/// </summary>
internal sealed class RandomIds(int count)
{
    private readonly byte[] bytes = RandomNumberGenerator.GetBytes(checked(count * 16));
    private int next;

    public Guid Next()
    {
        var id = bytes.AsSpan(checked(next++ * 16), 16);
        id[7] = (byte)((id[7] & 0x0F) | 0x40);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id);
    }
}
