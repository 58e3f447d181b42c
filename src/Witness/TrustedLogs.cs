using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Witness;

/// <summary>A log the witness cosigns for: its origin line and one of its ECDSA verifier keys (signed-note type 0x02).</summary>
internal sealed record TrustedLog(string Origin, string VerifierKey);

/// <summary>
/// <c>trusted-logs.json</c>, a JSON array of <see cref="TrustedLog"/>. An origin may have several keys (a key being
/// rotated); a checkpoint signed by any of them is accepted, as c2sp.org/tlog-witness allows.
/// </summary>
internal static class TrustedLogs
{
    public static IReadOnlyList<TrustedLog> Load(StateFolder state) =>
        File.Exists(state.TrustedLogsFile) ? StateFolder.Read<List<TrustedLog>>(state.TrustedLogsFile) : [];

    /// <summary>Adds a log after checking its origin and key by the rules the checkpoints will be verified with.</summary>
    public static bool Add(StateFolder state, string origin, string verifierKey)
    {
        try
        {
            _ = new Checkpoint(origin, 0, MerkleTree.EmptyRoot).Body(); // the checkpoint's origin rule
            _ = NoteKey.Parse(verifierKey);
        }
        catch (CheckpointException bad)
        {
            throw new WitnessSetupException($"日志无法信任 / cannot trust the log: {bad.Message}");
        }

        var logs = Load(state);
        if (logs.Contains(new TrustedLog(origin, verifierKey)))
        {
            return false;
        }

        AtomicFile.Write(state.TrustedLogsFile, StateFolder.Serialize<List<TrustedLog>>([.. logs, new(origin, verifierKey)]));
        return true;
    }
}
