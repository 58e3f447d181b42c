using FairDraw.Ledger.Integrity;

namespace FairDraw.Witness;

/// <summary>
/// An add-checkpoint request that passed the checks needing no state: well formed, from a trusted log, signed by it,
/// and not going backwards. <see cref="LogNote"/> is the checkpoint with only that log's signature lines, so the
/// witness never stores or serves lines it did not verify.
/// </summary>
internal sealed record Submission(AddCheckpointRequest Request, Checkpoint Checkpoint, TrustedLog Log, string LogNote)
{
    /// <summary>The checks of c2sp.org/tlog-witness in its order: 400 malformed, 404 unknown origin, 403, 400 old &gt; size.</summary>
    public static Submission Admit(string body, IReadOnlyList<TrustedLog> trusted)
    {
        var (request, note, checkpoint) = Parse(body);
        var keys = trusted.Where(log => log.Origin == checkpoint.Origin).ToList();
        if (keys.Count == 0)
        {
            throw new Refusal(StatusCodes.Status404NotFound, "checkpoint", "未知日志 / Unknown log",
                $"this witness cosigns no log with the origin \"{checkpoint.Origin}\"");
        }

        var log = keys.FirstOrDefault(key => SignedBy(request.SignedNote, key))
            ?? throw new Refusal(StatusCodes.Status403Forbidden, "checkpoint", "签名无效 / No trusted signature",
                $"no signature on the checkpoint verifies under a key trusted for \"{checkpoint.Origin}\"");
        if (request.OldSize > checkpoint.TreeSize)
        {
            throw new Refusal(StatusCodes.Status400BadRequest, "old", "请求格式错误 / Malformed request",
                $"the old size {request.OldSize} exceeds the checkpoint's size {checkpoint.TreeSize}");
        }

        var logKey = NoteKey.Parse(log.VerifierKey);
        var logLines = note.Signatures
            .Where(s => s.KeyName == logKey.Name && s.Signature.AsSpan(0, NoteKey.KeyIdSize).SequenceEqual(logKey.KeyId))
            .Select(s => $"{SignedNote.SignatureLinePrefix}{s.KeyName} {Convert.ToBase64String(s.Signature)}\n");
        return new Submission(request, checkpoint, log, note.Text + "\n" + string.Concat(logLines));
    }

    private static (AddCheckpointRequest Request, SignedNote Note, Checkpoint Checkpoint) Parse(string body)
    {
        try
        {
            var request = AddCheckpointRequest.Parse(body);
            var note = SignedNote.Parse(request.SignedNote);
            return (request, note, CheckpointVerifier.ParseBody(note.Text));
        }
        catch (CheckpointException malformed)
        {
            throw new Refusal(StatusCodes.Status400BadRequest, "body", "请求格式错误 / Malformed request", malformed.Message);
        }
    }

    private static bool SignedBy(string signedNote, TrustedLog log)
    {
        try
        {
            _ = CheckpointVerifier.Verify(signedNote, log.VerifierKey);
            return true;
        }
        catch (CheckpointException)
        {
            return false; // unknown key or bad signature: another trusted key of the origin may still verify
        }
    }
}
