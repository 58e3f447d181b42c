using System.Text;
using System.Text.Json;
using FairDraw.Api.Draws;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Duty;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.Duty;

/// <summary>A round the duty report names, verified from an evidence bundle of the folder: the file and its DRAW-v1 report.</summary>
public sealed record DutyDrawChecked(DutyDraw Draw, string File, DrawReport Report);

/// <summary>
/// `verify-duty --draws DIR` (docs/duty-report.md §7 step 7): the pool-level part of each executed round the report
/// names, verified from its evidence bundle by the offline DRAW-v1 verification, tied to the duty bundle by the report's
/// roots and by the canonical bytes of every event both carry. A named round without evidence fails: never pass on nothing.
/// </summary>
public static class DutyDrawEvidence
{
    public static (IReadOnlyList<DutyDrawChecked> Rounds, IReadOnlyList<DutyFailure> Failures) Check(
        IReadOnlyList<DutyDraw> draws,
        IReadOnlyList<DutyBundleEvent> dutyEvents,
        IEnumerable<(string Name, byte[] Bytes)> files,
        string trustedKey)
    {
        var carried = dutyEvents.ToDictionary(e => e.Sequence, e => e.Canonical);
        var rounds = new List<DutyDrawChecked>();
        var failures = new List<DutyFailure>();
        foreach (var (name, bytes) in files.Where(file => IsEvidence(file.Bytes)).OrderBy(file => file.Name, StringComparer.Ordinal))
        {
            EvidenceVerification evidence;
            try
            {
                evidence = EvidenceVerification.Read(bytes);
            }
            catch (Exception unreadable) when (unreadable is JsonException or InvalidDataException or InvalidOperationException)
            {
                failures.Add(Failure($"{name}: 证据包无法读取 / the evidence bundle cannot be read: {unreadable.Message}"));
                continue;
            }

            // A round the report does not name (another task, an older round) proves nothing here.
            if (draws.FirstOrDefault(d => d.TaskId == evidence.State.TaskId && d.Round == evidence.Bundle.Round) is not { } draw)
            {
                continue;
            }

            var report = evidence.Verify(trustedKey);
            rounds.Add(new DutyDrawChecked(draw, name, report));
            var round = $"task {draw.TaskId} round {draw.Round} ({name})";
            if (report.Outcome is RoundOutcome.Fail or RoundOutcome.Pending)
            {
                var outcome = JsonSerializer.Serialize(report.Outcome).Trim('"');
                failures.Add(Failure($"{round}: DRAW-v1 {outcome}: {report.FirstFailure ?? report.Note}"));
            }

            var outputs = evidence.Bundle.Outputs;
            Root(failures, round, "entity root", draw.EntityRoot, evidence.Round.Pool.EntityRoot, outputs.EntityRoot);
            Root(failures, round, "selection root", draw.SelectionRoot, evidence.Round.Execution?.SelectionRoot, outputs.SelectionRoot);
            var receipts = evidence.Bundle.Events.Append(evidence.Bundle.Successor).Select(e => e?.Receipt).OfType<Receipt>();
            foreach (var receipt in receipts)
            {
                if (carried.TryGetValue(receipt.Sequence, out var canonical) && !canonical.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(receipt.Canonical)))
                {
                    failures.Add(Failure(
                        $"{round}: 序号{receipt.Sequence}的事件与履职证据包不同 / the event at sequence {receipt.Sequence} differs from the duty bundle's bytes"));
                }
            }
        }

        foreach (var missing in draws.Where(d => !rounds.Any(r => r.Draw == d)))
        {
            failures.Add(Failure($"no evidence for task {missing.TaskId} round {missing.Round}"));
        }

        return (rounds, failures);
    }

    private static void Root(List<DutyFailure> failures, string round, string name, string reported, string? recorded, string output)
    {
        if (recorded != reported || output != reported)
        {
            failures.Add(Failure($"{round}: {name} {recorded ?? "—"} (outputs {output}), the report's {reported}"));
        }
    }

    /// <summary>Other files may share the folder (the duty bundle itself, notes): only a <c>fair-draw-evidence/1</c> document is judged.</summary>
    private static bool IsEvidence(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("format", out var format)
                && format.ValueKind == JsonValueKind.String
                && format.GetString() == EvidenceBundle.FormatName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static DutyFailure Failure(string detail) => new("draws", detail);
}
