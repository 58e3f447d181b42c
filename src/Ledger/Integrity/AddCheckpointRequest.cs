using System.Globalization;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// The body of a c2sp.org/tlog-witness add-checkpoint request: "old &lt;size&gt;\n", at most 63 consistency proof
/// lines (base64 hashes) from that size to the checkpoint's, an empty line, then the signed checkpoint note.
/// </summary>
public sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> Proof, string SignedNote)
{
    public const int MaxProofLines = 63;

    public string Body() =>
        $"old {OldSize.ToString(CultureInfo.InvariantCulture)}\n"
        + string.Concat(Proof.Select(hash => Convert.ToBase64String(hash) + "\n"))
        + "\n" + SignedNote;

    /// <summary>Parses a request body; a malformed one throws <see cref="CheckpointException"/> naming what is wrong.</summary>
    public static AddCheckpointRequest Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var blank = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            throw new CheckpointException("malformed request: no empty line between the old size and proof lines and the checkpoint");
        }

        var lines = body[..blank].Split('\n');
        const string prefix = "old ";
        var size = lines[0].StartsWith(prefix, StringComparison.Ordinal) ? lines[0][prefix.Length..] : string.Empty;
        var canonical = size == "0" || (size.Length > 0 && size[0] != '0' && size.All(char.IsAsciiDigit));
        if (!canonical || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var oldSize))
        {
            throw new CheckpointException($"malformed request: the first line \"{lines[0]}\" is not \"old <decimal size>\"");
        }

        if (lines.Length - 1 > MaxProofLines)
        {
            throw new CheckpointException($"malformed request: more than {MaxProofLines} consistency proof lines");
        }

        var proof = lines.Skip(1).Select(line =>
        {
            var hash = NoteKey.DecodeBase64(line, "consistency proof line");
            return hash.Length == MerkleTree.HashSize && Convert.ToBase64String(hash) == line
                ? hash
                : throw new CheckpointException($"malformed request: the proof line \"{line}\" is not the base64 of a 32-byte hash");
        }).ToList();
        return new AddCheckpointRequest(oldSize, proof, body[(blank + 2)..]);
    }
}
