using FairDraw.Api.Hosting;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Storage;
using Marten;
using NodaTime;
using Npgsql;

namespace FairDraw.Api.Entities;

/// <summary>What an import did.</summary>
public sealed record ImportSummary(int Rows, int Registered, int Updated, int Unchanged, int Events);

/// <summary>How far an import has come: a stage and a count within it.</summary>
public sealed record ImportProgress(string Stage, int Done, int Total);

/// <summary>
/// Imports a CSV file into the entity directory, for the API upload and the CLI verb alike. The whole file is
/// validated and decided before anything is written: one bad line rejects the file with every line error and writes
/// nothing. New entities take the bulk path; changes to known ones are appended per stream with optimistic concurrency;
/// rows equal to the directory write nothing, so a re-import is idempotent.
/// </summary>
public static class EntityImport
{
    private const int WriteChunk = 10_000;
    private static readonly EntityRevisionProjection Projection = new();

    public static async Task<ImportSummary> RunAsync(
        IDocumentStore store, UploadedFile file, Actor actor, Instant now, IProgress<ImportProgress>? progress, CancellationToken cancellation)
    {
        actor.RequireRole("导入检查对象 / import entities", Role.Registrar);

        var (rows, readErrors) = EntityCsv.Read(file.Content);
        progress?.Report(new ImportProgress("read", rows.Count, rows.Count));
        var errors = new List<LineError>(readErrors);
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new LineError(2, "", "文件没有数据行 / the file has no records"));
        }

        var validated = Validate(rows, actor, now, errors, progress);
        Reject(file.Name, errors);

        var current = await LoadCurrentAsync(store, validated.Select(v => v.Row.Registration.Uscc).ToList(), progress, cancellation);
        var newStreams = new List<(string Key, IReadOnlyList<object> Events)>();
        var changes = new List<(string Key, long Version, IReadOnlyList<object> Events)>();
        foreach (var (line, row) in validated)
        {
            try
            {
                var uscc = row.Registration.Uscc;
                var state = current.GetValueOrDefault(uscc);
                var events = EntityDecisions.Import(row, state?.ToState(), actor, now);
                if (state is null)
                {
                    newStreams.Add((StreamKeys.Entity(uscc), events));
                }
                else if (events.Count > 0)
                {
                    changes.Add((StreamKeys.Entity(uscc), state.Version, events));
                }
            }
            catch (DomainException error) when (error.Kind != DomainErrorKind.Forbidden)
            {
                errors.Add(new LineError(line, error.Field, error.Reason));
            }
        }

        Reject(file.Name, errors);

        await WriteAsync(store, newStreams, changes, progress, cancellation);
        return new ImportSummary(
            rows.Count,
            newStreams.Count,
            changes.Count,
            rows.Count - newStreams.Count - changes.Count,
            newStreams.Count + changes.Sum(c => c.Events.Count));
    }

    /// <summary>
    /// Writes the whole import in one transaction, so that it lands entirely or not at all: the new streams chunk by
    /// chunk through the bulk path, as a pipeline (the next chunk is sealed and projected on another core while this one
    /// is copied in), then the changes to known entities as ordinary appends with optimistic concurrency. An entity
    /// registered or changed by someone else since the file was read fails the whole import with 409.
    /// </summary>
    private static async Task WriteAsync(
        IDocumentStore store,
        List<(string Key, IReadOnlyList<object> Events)> newStreams,
        List<(string Key, long Version, IReadOnlyList<object> Events)> changes,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellation)
    {
        if (newStreams.Count == 0 && changes.Count == 0)
        {
            return;
        }

        var bulk = new BulkStreams<MarketEntity, EntityRevision>(store, Projection, EntityRevision.Duplicated);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var chunks = newStreams.Chunk(WriteChunk).ToList();
        var preparing = chunks.Count > 0 ? await StartPreparingAsync(chunks[0]) : null;
        var done = 0;
        for (var k = 0; k < chunks.Count; k++)
        {
            using var chunk = await preparing!;
            preparing = k + 1 < chunks.Count ? await StartPreparingAsync(chunks[k + 1]) : null;
            try
            {
                await bulk.WriteAsync(connection, chunk, cancellation);
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw DomainException.Conflict(
                    "uscc",
                    "导入期间有检查对象被另行登记，未写入任何数据，请重新导入 / an entity of the file was registered by another request during the import; nothing was written, import the file again");
            }

            done += chunk.StreamCount;
            progress?.Report(new ImportProgress("register", done, newStreams.Count));
        }

        if (changes.Count > 0)
        {
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
            foreach (var (key, version, events) in changes)
            {
                session.Events.Append(key, version + events.Count, [.. events]);
            }

            await session.SaveChangesAsync(cancellation);
            progress?.Report(new ImportProgress("update", changes.Count, changes.Count));
        }

        await transaction.CommitAsync(cancellation);

        // Takes the chunk's ledger positions on the connection, then seals and projects it on another thread.
        async Task<Task<BulkChunk>> StartPreparingAsync((string Key, IReadOnlyList<object> Events)[] streams)
        {
            var positions = await bulk.TakePositionsAsync(connection, streams.Sum(s => s.Events.Count), cancellation);
            return Task.Run(() => bulk.Prepare(streams, positions), cancellation);
        }
    }

    private static List<(int Line, EntityImportRow Row)> Validate(
        IReadOnlyList<(int Line, EntityInput Input)> rows, Actor actor, Instant now, List<LineError> errors, IProgress<ImportProgress>? progress)
    {
        var validated = new List<(int, EntityImportRow)>(rows.Count);
        var firstLineOf = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var (line, input) = rows[i];
            try
            {
                var row = EntityDecisions.ValidateImport(input, actor, now);
                var uscc = row.Registration.Uscc;
                if (firstLineOf.TryAdd(uscc, line))
                {
                    validated.Add((line, row));
                }
                else
                {
                    errors.Add(new LineError(line, "uscc", $"与第{firstLineOf[uscc]}行重复 / duplicates line {firstLineOf[uscc]}"));
                }
            }
            catch (DomainException error) when (error.Kind == DomainErrorKind.Forbidden)
            {
                throw DomainException.Forbidden($"第{line}行 / line {line}: {error.Reason}");
            }
            catch (DomainException error)
            {
                errors.Add(new LineError(line, error.Field, error.Reason));
            }

            if ((i + 1) % WriteChunk == 0 || i + 1 == rows.Count)
            {
                progress?.Report(new ImportProgress("validate", i + 1, rows.Count));
            }
        }

        return validated;
    }

    private static void Reject(string fileName, List<LineError> errors)
    {
        if (errors.Count > 0)
        {
            throw new FileRejectedException(fileName, [.. errors.OrderBy(e => e.Line).Take(FileRejectedException.MaxReported)], errors.Count);
        }
    }

    private static async Task<Dictionary<string, EntityRevision>> LoadCurrentAsync(
        IDocumentStore store, List<string> codes, IProgress<ImportProgress>? progress, CancellationToken cancellation)
    {
        const int lookupChunk = 20_000;
        var result = new Dictionary<string, EntityRevision>(StringComparer.Ordinal);
        await using var session = store.QuerySession();
        for (var start = 0; start < codes.Count; start += lookupChunk)
        {
            var chunk = codes.GetRange(start, Math.Min(lookupChunk, codes.Count - start)).ToArray();
            var found = await session.Query<EntityRevision>().Where(x => x.IsCurrent && x.Uscc.IsOneOf(chunk)).ToListAsync(cancellation);
            foreach (var revision in found)
            {
                result[revision.Uscc] = revision;
            }

            progress?.Report(new ImportProgress("lookup", start + chunk.Length, codes.Count));
        }

        return result;
    }
}
