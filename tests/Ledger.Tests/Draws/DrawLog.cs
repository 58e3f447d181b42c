using System.Text;
using System.Text.Json;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// A signed log for a draw run without the server (the tests' <c>DrawWorkflow</c>, the draw benchmark): each draw event
/// becomes a chained ledger record and a Merkle leaf, so the run publishes the commitment's real leaf and checkpoint and
/// its verification gets real receipts. The records' payload holds only the task and round: the receipts prove
/// inclusion, the event itself is what the caller folded.
/// </summary>
internal sealed class DrawLog(CheckpointSigner signer, long firstSequence)
{
    private readonly List<(IDrawEvent Event, string Type, string Canonical)> records = [];
    private readonly List<byte[]> leaves = [];
    private byte[] chain = LedgerRecord.Genesis.ToArray();

    /// <summary>Logs the draw events among <paramref name="events"/> in order.</summary>
    public void Append(IEnumerable<object> events)
    {
        foreach (var e in events.OfType<IDrawEvent>())
        {
            Append(e);
        }
    }

    private void Append(IDrawEvent e)
    {
        var attributed = (IAttributedEvent)e;
        var type = e.GetType().Name;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { e.TaskId, e.Round });
        var (version, time) = (records.Count + 1L, LedgerRecord.FormatTime(attributed.OccurredAt));
        var canonical = LedgerRecord.Canonical($"task:{e.TaskId}", version, type, attributed.Actor, time, payload, chain);
        chain = System.Security.Cryptography.SHA256.HashData(canonical);
        records.Add((e, type, Encoding.UTF8.GetString(canonical)));
        leaves.Add(MerkleTree.LeafHash(canonical));
    }

    /// <summary>Where the latest commitment sits in the log, under a checkpoint signed over the log as it stands.</summary>
    public CommitmentInLog Commitment()
    {
        var leaf = records.FindLastIndex(record => record.Event is DrawCommitted);
        return new CommitmentInLog(firstSequence + leaf, leaf, leaves.Count, SignedCheckpoint());
    }

    /// <summary>A receipt for every logged event, each proved against one checkpoint over the whole log.</summary>
    public IReadOnlyList<DrawEventReceipt> Receipts()
    {
        var checkpoint = SignedCheckpoint();
        return [.. records.Select((record, leaf) => new DrawEventReceipt(
            record.Type,
            firstSequence + leaf,
            new Receipt(
                $"task:{record.Event.TaskId}",
                leaf + 1L,
                firstSequence + leaf,
                leaf,
                record.Canonical,
                [.. MerkleTree.InclusionProof(leaves, leaf, leaves.Count).Select(Convert.ToHexStringLower)],
                checkpoint,
                signer.PublicKeyText()),
            record.Event))];
    }

    private string SignedCheckpoint() => signer.Sign(new Checkpoint(signer.KeyName, leaves.Count, MerkleTree.Root(leaves)));
}
