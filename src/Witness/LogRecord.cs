using FairDraw.Ledger;
namespace FairDraw.Witness;

/// <summary>
/// The latest checkpoint the witness cosigned for one log, in <c>logs/&lt;hash&gt;.json</c>: the log's key that verified
/// it, its size and base64 root, and the note (the log's own signature lines and this witness's cosignature).
/// </summary>
internal sealed record LogRecord(string Origin, string VerifierKey, long TreeSize, string RootHash, string Checkpoint)
{
    public byte[] Root() => Convert.FromBase64String(RootHash);

    /// <summary>The record held for <paramref name="origin"/>, or null when the witness never cosigned for it.</summary>
    public static LogRecord? Read(StateFolder state, string origin)
    {
        var file = state.LogFile(origin);
        if (!File.Exists(file))
        {
            return null;
        }

        var record = StateFolder.Read<LogRecord>(file);
        return record.Origin == origin
            ? record
            : throw new InvalidDataException($"{file} holds the origin {record.Origin}, not {origin}");
    }

    public void Write(StateFolder state) => AtomicFile.Write(state.LogFile(Origin), StateFolder.Serialize(this));
}
