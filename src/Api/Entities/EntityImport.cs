using FairDraw.Api.Csv;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Marten;
using NodaTime;

namespace FairDraw.Api.Entities;

/// <summary>What an import did.</summary>
public sealed record ImportSummary(int Rows, int Registered, int Updated, int Unchanged, int Events);

/// <summary>How far an import has come: a stage and a count within it (bytes of the file, or rows).</summary>
public sealed record ImportProgress(string Stage, long Done, long Total);

/// <summary>
/// Imports a CSV file into the entity directory, for the API upload and the CLI verb alike, in two passes over the file
/// so that it is never held in memory. The first checks every row — validation, duplicates, the decision against the
/// directory — and writes nothing: one bad line rejects the file with every line error. The second reads the file again
/// and writes it chunk by chunk in one transaction (<see cref="WriteAsync"/>). New entities take the bulk path; changes
/// to known ones are appended per stream with optimistic concurrency; rows equal to the directory write nothing, so a
/// re-import is idempotent.
/// </summary>
public static partial class EntityImport
{
    private const int LookupChunk = 20_000;

    public static async Task<ImportSummary> RunAsync(
        IDocumentStore store, UploadedFile file, Actor actor, Instant now, IProgress<ImportProgress>? progress, CancellationToken cancellation)
    {
        EntityDecisions.AuthorizeImport(actor);
        var known = await CheckAsync(store, file, actor, now, progress, cancellation);
        return await WriteAsync(store, file, known, actor, now, progress, cancellation);
    }

    /// <summary>
    /// The first pass: validates every row and decides it against the directory, batch by batch, then finds repeated
    /// codes; rejects the file with its line errors. Answers the codes the directory already holds, the only ones the
    /// second pass needs to look up again. What it keeps per row is its code's <see cref="CodeKey"/> and its line.
    /// </summary>
    private static async Task<HashSet<CodeKey>> CheckAsync(
        IDocumentStore store, UploadedFile file, Actor actor, Instant now, IProgress<ImportProgress>? progress, CancellationToken cancellation)
    {
        var errors = new LineErrors();
        var readErrors = new List<LineError>();
        var codes = new List<(CodeKey Key, int Line)>();
        var known = new HashSet<CodeKey>();
        var batch = new List<(int Line, EntityImportRow Row)>(LookupChunk);
        await using var session = store.QuerySession();
        var rows = 0;
        foreach (var (line, input) in EntityCsv.Read(file.Content, readErrors))
        {
            rows++;
            errors.Take(readErrors);
            try
            {
                var row = EntityDecisions.ValidateImport(input, actor, now);
                codes.Add((CodeKey.Of(row.Registration.Uscc), line));
                batch.Add((line, row));
            }
            catch (DomainException error) when (error.Kind == DomainErrorKind.Forbidden)
            {
                throw DomainException.Forbidden($"第{line}行 / line {line}: {error.Reason}");
            }
            catch (DomainException error)
            {
                errors.Add(new LineError(line, error.Field, error.Reason));
            }

            if (batch.Count == LookupChunk)
            {
                await DecideAsync(session, batch, known, errors, actor, now, cancellation);
                progress?.Report(new ImportProgress("check", file.Content.Position, file.Content.Length));
                GC.Collect(1); // as after each written chunk (EntityImport.Write.cs): the batch's garbage goes now
            }
        }

        errors.Take(readErrors);
        await DecideAsync(session, batch, known, errors, actor, now, cancellation);
        progress?.Report(new ImportProgress("check", file.Content.Length, file.Content.Length));
        FindRepeats(codes, errors);
        if (rows == 0 && errors.Count == 0)
        {
            errors.Add(new LineError(2, "", "文件没有数据行 / the file has no records"));
        }

        errors.ThrowIfAny(file.Name);
        return known;
    }

    /// <summary>Each code found again after its first line is an error on the later line.</summary>
    private static void FindRepeats(List<(CodeKey Key, int Line)> codes, LineErrors errors)
    {
        codes.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Line.CompareTo(b.Line));
        for (var (i, first) = (1, 0); i < codes.Count; i++)
        {
            if (codes[i].Key != codes[first].Key)
            {
                first = i;
                continue;
            }

            var line = codes[first].Line;
            errors.Add(new LineError(codes[i].Line, "uscc", $"与第{line}行重复 / duplicates line {line}"));
        }
    }

    /// <summary>Decides a batch of valid rows against the directory as it stands, to find the rows it refuses; keeps nothing else.</summary>
    private static async Task DecideAsync(
        IQuerySession session,
        List<(int Line, EntityImportRow Row)> batch,
        HashSet<CodeKey> known,
        LineErrors errors,
        Actor actor,
        Instant now,
        CancellationToken cancellation)
    {
        var current = await CurrentAsync(session, [.. batch.Select(b => b.Row.Registration.Uscc)], cancellation);
        foreach (var (line, row) in batch)
        {
            var state = current.GetValueOrDefault(row.Registration.Uscc);
            if (state is null)
            {
                continue; // a new entity: its registration is the row itself, validated already
            }

            known.Add(CodeKey.Of(state.Uscc));
            try
            {
                EntityDecisions.Import(row, state.ToState(), actor, now);
            }
            catch (DomainException error) when (error.Kind != DomainErrorKind.Forbidden)
            {
                errors.Add(new LineError(line, error.Field, error.Reason));
            }
        }

        batch.Clear();
    }

    /// <summary>The current revisions of those of <paramref name="codes"/> the directory holds.</summary>
    private static async Task<Dictionary<string, EntityRevision>> CurrentAsync(IQuerySession session, string[] codes, CancellationToken cancellation)
    {
        if (codes.Length == 0)
        {
            return [];
        }

        var found = await session.Query<EntityRevision>().Where(x => x.IsCurrent && x.Uscc.IsOneOf(codes)).ToListAsync(cancellation);
        return found.ToDictionary(r => r.Uscc, StringComparer.Ordinal);
    }
}

/// <summary>
/// A valid code in 16 bytes instead of a string of 18 characters (~60 bytes on the heap): each character, all of them
/// in '0'..'Z', in 6 bits, nine to a half, so that checking a large file stays small (docs/performance.md, import).
/// </summary>
internal readonly record struct CodeKey(ulong High, ulong Low) : IComparable<CodeKey>
{
    public static CodeKey Of(string uscc) => new(Pack(uscc.AsSpan(0, 9)), Pack(uscc.AsSpan(9)));

    public int CompareTo(CodeKey other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    private static ulong Pack(ReadOnlySpan<char> characters)
    {
        var packed = 0UL;
        foreach (var c in characters)
        {
            packed = (packed << 6) | (uint)(c - '0');
        }

        return packed;
    }
}
