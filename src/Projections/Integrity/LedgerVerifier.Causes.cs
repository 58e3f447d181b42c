using FairDraw.Ledger.Integrity;

namespace FairDraw.Projections.Integrity;

public sealed partial class LedgerVerifier
{
    /// <summary>
    /// Names each logged event whose row no longer rebuilds its leaf, once per cause: two rows that took each other's
    /// place (each holding the other's logged stream and version) are one finding — <see cref="FindingKind.Swapped"/>
    /// when each row still rebuilds the other's leaf (their ledger positions were exchanged), <see cref="FindingKind.Reordered"/>
    /// when two versions of one stream were exchanged; any other row is moved, reordered or modified on its own.
    /// </summary>
    private static void ReportMismatches(List<Mismatch> mismatches, List<LedgerFinding> findings)
    {
        var byLoggedPlace = new Dictionary<(string, long), Mismatch>();
        foreach (var mismatch in mismatches)
        {
            byLoggedPlace.TryAdd((mismatch.Leaf.StreamKey, mismatch.Leaf.Version), mismatch);
        }

        var paired = new HashSet<Mismatch>();
        foreach (var mismatch in mismatches.Where(m => !paired.Contains(m)))
        {
            var (leaf, stored) = (mismatch.Leaf, mismatch.Stored);
            if (byLoggedPlace.TryGetValue((stored.StreamKey, stored.Version), out var other) && other != mismatch && !paired.Contains(other)
                && other.Stored.StreamKey == leaf.StreamKey && other.Stored.Version == leaf.Version)
            {
                var intact = mismatch.RowLeaf is { } rowLeaf && rowLeaf.AsSpan().SequenceEqual(other.Leaf.Hash)
                    && other.RowLeaf is { } otherLeaf && otherLeaf.AsSpan().SequenceEqual(leaf.Hash);
                if (intact || leaf.StreamKey == other.Leaf.StreamKey)
                {
                    paired.UnionWith([mismatch, other]);
                    findings.Add(intact
                        ? new LedgerFinding(FindingKind.Swapped, leaf.StreamKey, leaf.Version, leaf.Sequence,
                            $"exchanged ledger positions with {other.Leaf.StreamKey} version {other.Leaf.Version}: sequence {leaf.Sequence} now holds that event and sequence {other.Leaf.Sequence} this one, both rows intact")
                        : new LedgerFinding(FindingKind.Reordered, leaf.StreamKey, leaf.Version, leaf.Sequence,
                            $"versions {leaf.Version} and {other.Leaf.Version} exchanged places (sequences {leaf.Sequence} and {other.Leaf.Sequence})"));
                    continue;
                }
            }

            var (kind, detail) = stored.StreamKey != leaf.StreamKey
                ? (FindingKind.Moved, $"logged in {leaf.StreamKey} as version {leaf.Version}, now in {stored.StreamKey} as version {stored.Version}")
                : stored.Version != leaf.Version
                    ? (FindingKind.Reordered, $"logged as version {leaf.Version}, now stands as version {stored.Version}")
                    : (FindingKind.Modified, "payload or metadata differ from what was logged at leaf " + leaf.Index);
            findings.Add(new LedgerFinding(kind, leaf.StreamKey, leaf.Version, stored.Sequence, detail));
        }
    }

    /// <summary>
    /// Leaf rows altered in the log, not events: when the signed roots the leaves contradict all hold again once each
    /// logged event that still stands at its logged place has its leaf rebuilt from its row, those leaf rows were
    /// changed. Each is one <see cref="FindingKind.LogAltered"/> naming its event, in place of the contradicted roots and of
    /// a <see cref="FindingKind.Modified"/> event.
    /// </summary>
    private static void ReportAlteredLeaves(StoredLog log, CheckpointSummary checkpoints, List<Mismatch> mismatches, List<LedgerFinding> findings)
    {
        var inPlace = mismatches.Where(m => m.RowLeaf is not null && m.Stored.StreamKey == m.Leaf.StreamKey && m.Stored.Version == m.Leaf.Version)
            .ToDictionary(m => m.Leaf.Index);
        if (checkpoints.RootContradictions.Count == 0 || inPlace.Count == 0)
        {
            return;
        }

        var tree = new MerkleAccumulator();
        foreach (var checkpoint in checkpoints.Compared.OrderBy(c => c.TreeSize))
        {
            while (tree.Size < checkpoint.TreeSize)
            {
                tree.Append(inPlace.TryGetValue(tree.Size, out var altered) ? altered.RowLeaf! : log.Leaves[(int)tree.Size].Hash);
            }

            if (!tree.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                return;
            }
        }

        findings.RemoveAll(checkpoints.RootContradictions.Contains);
        foreach (var altered in inPlace.Values)
        {
            mismatches.Remove(altered);
            findings.Add(new LedgerFinding(FindingKind.LogAltered, altered.Leaf.StreamKey, altered.Leaf.Version, altered.Leaf.Sequence,
                $"the log's leaf {altered.Leaf.Index} was altered: the event still rebuilds the leaf the signed roots hold"));
        }
    }

    /// <summary>
    /// One finding per range of leaves missing from the log. When the events older than the signed log that have no leaf
    /// fill those ranges exactly (in sequence order) and the filled log produces a signed root, their log rows were
    /// deleted and the events are intact: the gap's finding names them. Otherwise each such event was inserted.
    /// </summary>
    private static void ReportGaps(
        StoredLog log, CheckpointSummary checkpoints, List<(StoredEvent Stored, byte[]? Leaf)> unlogged, List<LedgerFinding> findings)
    {
        var restored = log.Gaps.Count > 0 && RestoresSignedRoot(log, checkpoints, unlogged);
        var events = new Queue<StoredEvent>(restored ? unlogged.Select(u => u.Stored) : []);
        foreach (var (from, to) in log.Gaps)
        {
            var named = Enumerable.Range(0, (int)Math.Min(to - from, events.Count)).Select(_ => events.Dequeue()).ToList();
            var first = named.FirstOrDefault();
            var detail = (to - from == 1 ? $"leaf {from} is missing from the log" : $"leaves {from} to {to - 1} ({to - from:N0}) are missing from the log")
                + (restored ? $": its rows were deleted, the events they logged (sequence {string.Join(", ", named.Select(e => e.Sequence))}) are intact" : "")
                + (from == log.Contiguous && checkpoints.BeyondGap > 0 ? $"; {checkpoints.BeyondGap} signed checkpoints beyond it could not be compared with the leaves" : "");
            findings.Add(new LedgerFinding(FindingKind.LogAltered, first?.StreamKey, first?.Version, first?.Sequence, detail));
        }

        if (!restored)
        {
            findings.AddRange(unlogged.Select(u => new LedgerFinding(
                FindingKind.Inserted, u.Stored.StreamKey, u.Stored.Version, u.Stored.Sequence, "older than the signed log but not in it")));
        }
    }

    private static bool RestoresSignedRoot(StoredLog log, CheckpointSummary checkpoints, List<(StoredEvent Stored, byte[]? Leaf)> unlogged)
    {
        var missing = log.Gaps.Sum(gap => gap.To - gap.From);
        var size = checkpoints.SignedRoots.Keys.Where(s => s >= log.Gaps[^1].To).DefaultIfEmpty(-1).Min();
        if (unlogged.Count != missing || unlogged.Any(u => u.Leaf is null) || size < 0)
        {
            return false;
        }

        var fillers = new Queue<byte[]>(unlogged.Select(u => u.Leaf!));
        var tree = new MerkleAccumulator();
        foreach (var leaf in log.Leaves.TakeWhile(l => l.Index < size))
        {
            while (tree.Size < leaf.Index)
            {
                tree.Append(fillers.Dequeue());
            }

            tree.Append(leaf.Hash);
        }

        return tree.Size == size && tree.Root().AsSpan().SequenceEqual(checkpoints.SignedRoots[size]);
    }
}
