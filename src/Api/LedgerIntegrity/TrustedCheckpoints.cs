using System.Text.Json;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>
/// Trusted checkpoints read from public material kept outside the database: a file holding one signed note (as
/// <c>signedNote</c> of GET /api/ledger/checkpoint, cosignature lines allowed), a witness's log record
/// (<c>logs/&lt;id&gt;.json</c>, its <c>checkpoint</c>), a witness's state folder (the record of this log only; its key is
/// never read), or a folder of such files. Each must verify under the log's verifier key; what does not is ignored and
/// said why.
/// </summary>
public static class TrustedCheckpoints
{
    public sealed record Loaded(IReadOnlyList<Checkpoint> Checkpoints, IReadOnlyList<string> Ignored);

    public static Loaded Load(IEnumerable<string> paths, string verifierKey)
    {
        var origin = CheckpointVerifier.KeyName(verifierKey);
        var (checkpoints, ignored) = (new List<Checkpoint>(), new List<string>());
        void Read(string file)
        {
            try
            {
                var text = File.ReadAllText(file);
                checkpoints.Add(text.TrimStart().StartsWith('{') ? FromRecord(text, verifierKey) : CheckpointVerifier.Verify(text, verifierKey));
            }
            catch (Exception error) when (error is CheckpointException or JsonException or IOException)
            {
                ignored.Add($"{file}: {error.Message}");
            }
        }

        foreach (var path in paths)
        {
            if (Directory.Exists(Path.Combine(path, WitnessStateLayout.LogsFolder)))
            {
                var record = WitnessStateLayout.LogRecord(path, origin);
                if (File.Exists(record))
                {
                    Read(record);
                }
                else
                {
                    ignored.Add($"{path}: the witness keeps no checkpoint of {origin} ({record} is missing)");
                }
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
                {
                    Read(file);
                }
            }
            else if (File.Exists(path))
            {
                Read(path);
            }
            else
            {
                ignored.Add($"{path}: no such file or folder");
            }
        }

        return new Loaded(checkpoints, ignored);
    }

    /// <summary>The checkpoint of a witness's log record, whose size and root must be those its signed note carries.</summary>
    private static Checkpoint FromRecord(string json, string verifierKey)
    {
        using var document = JsonDocument.Parse(json);
        var record = document.RootElement;
        var note = record.TryGetProperty("checkpoint", out var cosigned) ? cosigned.GetString()
            : record.TryGetProperty("signedNote", out var signed) ? signed.GetString()
            : null;
        var checkpoint = CheckpointVerifier.Verify(note ?? throw new CheckpointException("no checkpoint (or signedNote) member"), verifierKey);
        if ((record.TryGetProperty("treeSize", out var size) && size.GetInt64() != checkpoint.TreeSize)
            || (record.TryGetProperty("rootHash", out var root) && root.GetString() != Convert.ToBase64String(checkpoint.RootHash)))
        {
            throw new CheckpointException("the record's treeSize or rootHash differs from its signed checkpoint");
        }

        return checkpoint;
    }
}
