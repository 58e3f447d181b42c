using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>A checkpoint as served: its tree size and its cosigned note (signed note and every stored cosignature line).</summary>
public sealed record CosignedCheckpoint(long Size, string Note);

/// <summary>
/// The witnesses' cosignatures of the log's checkpoints, in the append-only table <c>ledger_cosignatures</c> (tree size,
/// witness name, the signature line, received at). Only lines verified with <see cref="Cosignatures.Check"/> are
/// stored; a checkpoint's cosigned note is its signed note with every stored line appended, and it is witnessed when
/// that note meets the configured <see cref="WitnessPolicy"/> — checked again on every read, so a row written behind
/// the ledger's back never counts.
/// </summary>
public sealed class LedgerCosignatures(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>How many of the newest candidate checkpoints are checked before the search gives up.</summary>
    private const int Candidates = 16;

    /// <summary>The largest tree size <paramref name="witness"/> has cosigned here; 0 when none.</summary>
    public async Task<long> NewestSizeAsync(string witness, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select coalesce(max(tree_size), 0) from {schema}.ledger_cosignatures where witness = @witness");
        command.Parameters.AddWithValue("witness", witness);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>Stores a verified cosignature line of the checkpoint at <paramref name="treeSize"/> (once).</summary>
    public async Task AddAsync(long treeSize, string witness, string line, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"insert into {schema}.ledger_cosignatures (tree_size, witness, line) values (@size, @witness, @line) on conflict do nothing");
        command.Parameters.AddWithValue("size", treeSize);
        command.Parameters.AddWithValue("witness", witness);
        command.Parameters.AddWithValue("line", line);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The newest signed checkpoint with its cosignatures; null before the first.</summary>
    public async Task<CosignedCheckpoint?> NewestAsync(CancellationToken cancellation) =>
        (await CosignedAsync("true", null, 1, cancellation)).FirstOrDefault();

    /// <summary>Every checkpoint up to <paramref name="maxSize"/> that has a cosignature, newest first (the duty bundle's bounds).</summary>
    public Task<List<CosignedCheckpoint>> CosignedUpToAsync(long maxSize, CancellationToken cancellation) =>
        CosignedAsync(
            $"c.tree_size <= @max and exists (select 1 from {schema}.ledger_cosignatures w where w.tree_size = c.tree_size)",
            command => command.Parameters.AddWithValue("max", maxSize),
            int.MaxValue,
            cancellation);

    /// <summary>The newest checkpoint whose cosigned note meets <paramref name="policy"/>; null when none does.</summary>
    public async Task<CosignedCheckpoint?> NewestWitnessedAsync(WitnessPolicy policy, CancellationToken cancellation)
    {
        // Candidates have lines from enough distinct policy witnesses; the lines themselves are verified here.
        var candidates = await CosignedAsync(
            $"(select count(distinct w.witness) from {schema}.ledger_cosignatures w "
            + "where w.tree_size = c.tree_size and w.witness = any(@names)) >= @quorum",
            command =>
            {
                command.Parameters.AddWithValue("names", policy.Witnesses.Select(w => w.Name).ToArray());
                command.Parameters.AddWithValue("quorum", policy.Quorum);
            },
            Candidates,
            cancellation);
        return candidates.FirstOrDefault(candidate => Meets(candidate.Note, policy));
    }

    /// <summary>Whether a cosigned note meets the policy; a note that no longer parses (a line altered in place) does not.</summary>
    public static bool Meets(string cosignedNote, WitnessPolicy policy)
    {
        try
        {
            return Cosignatures.Check(cosignedNote, policy).Met;
        }
        catch (CheckpointException)
        {
            return false;
        }
    }

    private async Task<List<CosignedCheckpoint>> CosignedAsync(
        string condition, Action<NpgsqlCommand>? parameters, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select c.tree_size, c.signed_note || coalesce((select string_agg(w.line, '' order by w.witness, w.received_at, w.line)
                                                           from {schema}.ledger_cosignatures w where w.tree_size = c.tree_size), '')
            from {schema}.ledger_checkpoints c where {condition} order by c.tree_size desc limit {limit}
            """);
        parameters?.Invoke(command);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var found = new List<CosignedCheckpoint>();
        while (await reader.ReadAsync(cancellation))
        {
            found.Add(new CosignedCheckpoint(reader.GetInt64(0), reader.GetString(1)));
        }

        return found;
    }
}
