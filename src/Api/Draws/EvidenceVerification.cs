using System.Runtime.InteropServices;
using System.Text.Json;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Projections.Duty;

namespace FairDraw.Api.Draws;

/// <summary>
/// An evidence bundle verified offline in .NET by <see cref="DrawVerification"/>, what `verify-draw` runs after its
/// database reads: the task's rounds are folded from the events in the bundle's receipts (the canonical ledger
/// records, never the bundle's own outputs), the successor's freeze included so the round's clock ends as on the
/// server, and the entity pool members are the bundle's.
/// </summary>
public sealed record EvidenceVerification(
    EvidenceBundle Bundle, TaskDraw State, IReadOnlyList<DrawEventReceipt> Receipts, IReadOnlyList<EntityMember> Members)
{
    /// <summary>Reads a bundle and folds its events; throws <see cref="InvalidDataException"/> or <see cref="JsonException"/> when it cannot.</summary>
    public static EvidenceVerification Read(byte[] file)
    {
        var bundle = JsonSerializer.Deserialize<EvidenceBundle>(file, EvidenceBundle.Json)
            ?? throw new InvalidDataException("the evidence bundle is empty");
        if (bundle.Format != EvidenceBundle.FormatName)
        {
            throw new InvalidDataException($"format {bundle.Format}, not {EvidenceBundle.FormatName}");
        }

        TaskDraw? state = null;
        var receipts = new List<DrawEventReceipt>();
        foreach (var stored in bundle.Events.Concat(bundle.Successor is { } successor ? [successor] : []))
        {
            var receipt = stored.Receipt ?? throw new InvalidDataException($"{stored.Type} #{stored.Sequence} has no receipt");
            using var record = JsonDocument.Parse(receipt.Canonical);
            var data = DutyEventTypes.Decode(stored.Type, JsonMarshal.GetRawUtf8Value(record.RootElement.GetProperty("data"))) as IDrawEvent
                ?? throw new InvalidDataException($"{stored.Type} #{stored.Sequence} is not a draw event");
            state = TaskDraw.Evolve(state, data);
            if (!ReferenceEquals(stored, bundle.Successor))
            {
                receipts.Add(new DrawEventReceipt(stored.Type, stored.Sequence, receipt, data));
            }
        }

        return new EvidenceVerification(
            bundle,
            state ?? throw new InvalidDataException("the evidence bundle has no events"),
            receipts,
            [.. bundle.Inputs.Entities.Select(entity => new EntityMember(entity.Stratum, entity.Id))]);
    }

    /// <summary>The bundle's round as its events recorded it.</summary>
    public DrawRound Round => State.RoundNumber(Bundle.Round);

    /// <summary>Every check of `verify-draw` on the bundle's round, trusting only <paramref name="trustedKey"/>.</summary>
    public DrawReport Verify(string trustedKey) => DrawVerification.Verify(
        State, Bundle.Round, RebuiltPools.WithRecorded(Round, EntityPoolBuilder.From(Members)), Receipts, trustedKey);
}
