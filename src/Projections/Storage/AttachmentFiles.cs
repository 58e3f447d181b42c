using System.Security.Cryptography;
using System.Text.Json;
using FairDraw.Ledger.Results;
using Npgsql;

namespace FairDraw.Projections.Storage;

/// <summary>
/// The evidence files of inspection results, content-addressed in the append-only table attachment_files: each stored
/// once under the SHA-256 the server computes, never changed or removed. The result events reference them by hash and
/// size (<see cref="EvidenceAttachment"/>); who may download one follows the results that reference it.
/// </summary>
public sealed class AttachmentFiles(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>Stores <paramref name="bytes"/> under their SHA-256; the same bytes again store nothing new.</summary>
    public async Task<EvidenceAttachment> StoreAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellation)
    {
        var attachment = new EvidenceAttachment(Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), bytes.Length);
        await using var command = dataSource.CreateCommand(
            $"insert into {schema}.attachment_files (sha256, size, bytes) values ($1, $2, $3) on conflict (sha256) do nothing");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = attachment.Sha256 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = attachment.Size });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = bytes });
        await command.ExecuteNonQueryAsync(cancellation);
        return attachment;
    }

    /// <summary>Those of <paramref name="attachments"/> stored with exactly that hash and size.</summary>
    public async Task<IReadOnlySet<EvidenceAttachment>> StoredAsync(IReadOnlyList<EvidenceAttachment> attachments, CancellationToken cancellation)
    {
        var stored = new HashSet<EvidenceAttachment>();
        if (attachments.Count == 0)
        {
            return stored;
        }

        await using var command = dataSource.CreateCommand($"select sha256, size from {schema}.attachment_files where sha256 = any($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. attachments.Select(a => a.Sha256)] });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            stored.Add(new EvidenceAttachment(reader.GetString(0), reader.GetInt64(1)));
        }

        return stored;
    }

    /// <summary>The file stored under <paramref name="sha256"/>, or null when none is.</summary>
    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select bytes from {schema}.attachment_files where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        return await command.ExecuteScalarAsync(cancellation) as byte[];
    }

    /// <summary>The keys of the result streams any of whose recorded or corrected contents references <paramref name="sha256"/>.</summary>
    public async Task<IReadOnlyList<string>> ReferencingStreamsAsync(string sha256, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select distinct stream_id from {schema}.mt_events
            where type in ('inspection_result_recorded', 'inspection_result_corrected') and data -> 'Content' -> 'Attachments' @> $1::jsonb
            order by stream_id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(new[] { new { Sha256 = sha256 } }) });
        var streams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            streams.Add(reader.GetString(0));
        }

        return streams;
    }
}
