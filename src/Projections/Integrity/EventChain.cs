using System.Buffers;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;
using JasperFx.Events;
using Marten;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// Seals events into their stream's hash chain before they are written: each event gets the headers <c>actor</c> and
/// <c>time</c> (from its own "…By"/"…At"), <c>prev</c> (the previous event's chain hash) and <c>chain</c> (its own,
/// over its canonical bytes, <see cref="LedgerRecord"/>). With these headers the canonical bytes can be rebuilt from the
/// stored row alone. Every append path calls this: the session listener and the bulk path.
/// </summary>
public static class EventChain
{
    public const string PreviousHeader = "prev";
    public const string ChainHeader = "chain";
    public const string ActorHeader = "actor";
    public const string TimeHeader = "time";

    /// <summary>Seals <paramref name="streamEvents"/> (one stream, in version order) after <paramref name="previous"/>; returns the last chain hash.</summary>
    public static byte[] Seal(IEnumerable<IEvent> streamEvents, string streamKey, byte[] previous, ISerializer serializer)
    {
        var payload = new ArrayBufferWriter<byte>();
        foreach (var e in streamEvents)
        {
            payload.ResetWrittenCount();
            serializer.WriteTo(payload, e.Data);
            previous = Seal(e, streamKey, previous, payload.WrittenSpan);
        }

        return previous;
    }

    /// <summary>
    /// Seals one event after <paramref name="previous"/>, given its payload as the store serialises it (UTF-8 JSON,
    /// which the bulk path also writes as the row's data); returns its chain hash.
    /// </summary>
    public static byte[] Seal(IEvent e, string streamKey, byte[] previous, ReadOnlySpan<byte> payloadJson)
    {
        var attributed = e.Data as IAttributedEvent
            ?? throw new InvalidOperationException($"{e.EventType.Name} does not name its actor and instant (IAttributedEvent); it cannot enter the ledger");
        var time = LedgerRecord.FormatTime(attributed.OccurredAt);
        var chain = LedgerRecord.ChainHash(streamKey, e.Version, e.EventTypeName, attributed.Actor, time, payloadJson, previous);
        e.SetHeader(ActorHeader, attributed.Actor);
        e.SetHeader(TimeHeader, time);
        e.SetHeader(PreviousHeader, Convert.ToHexStringLower(previous));
        e.SetHeader(ChainHeader, Convert.ToHexStringLower(chain));
        return chain;
    }

    /// <summary>The chain hash stored on an event, or null when it has none.</summary>
    public static byte[]? StoredChain(IEvent e) =>
        e.GetHeader(ChainHeader)?.ToString() is { Length: LedgerRecord.HashLength * 2 } hex ? Convert.FromHexString(hex) : null;
}
