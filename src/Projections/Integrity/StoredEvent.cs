using System.Text.Json;
using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>One event row as stored, with what is needed to rebuild its canonical bytes without trusting Marten.</summary>
/// <remarks>The payload and headers are read as their JSON text's UTF-8 bytes (jsonb's text form, which the JCS pass
/// canonicalises), never as .NET strings.</remarks>
public sealed record StoredEvent(long Sequence, string StreamKey, long Version, string Type, byte[] Data, byte[]? Headers)
{
    /// <summary>The columns <see cref="Read"/> expects, in order, of the event table aliased <c>e</c>.</summary>
    public const string Columns =
        "e.seq_id, e.stream_id, e.version, e.type, convert_to(e.data::text, 'UTF8'), convert_to(e.headers::text, 'UTF8')";

    /// <summary>
    /// The SQL condition, over the event table aliased <c>e</c>, for a row that is not a ledger event but one of Marten's
    /// gap fillers: when a unit of work fails after drawing sequence numbers (a concurrency conflict, a rolled-back
    /// import), Marten writes one empty "tombstone" row per drawn number to stream <c>mt_tombstone</c>, on a connection of
    /// its own, so that readers of the sequence do not wait for numbers that will never commit. Such a row carries no
    /// content and belongs to no ledger stream: it is neither logged nor refused. <see cref="IsGapFiller"/> is the same test.
    /// </summary>
    public const string GapFillerCondition =
        "(e.stream_id = 'mt_tombstone' and e.type = 'tombstone' and e.data = '{}'::jsonb and e.headers is null)";

    /// <summary>Whether this row is one of Marten's gap fillers (<see cref="GapFillerCondition"/>).</summary>
    public bool IsGapFiller => StreamKey == "mt_tombstone" && Type == "tombstone" && Data.AsSpan().SequenceEqual("{}"u8) && Headers is null;

    public static StoredEvent Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetString(3),
        reader.GetFieldValue<byte[]>(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5));

    /// <summary>
    /// Rebuilds the canonical bytes from the row and its chain headers, and reads the stored chain and previous hashes.
    /// Returns null with a reason when the row is unchained or its payload is not canonicalisable.
    /// </summary>
    public Sealed? Unseal(out string? problem)
    {
        problem = null;
        try
        {
            var (actor, time, previousHex, chainHex) = ChainHeaders(Headers);
            if (actor is null || time is null || previousHex is null || chainHex is null)
            {
                problem = "no chain headers (actor, time, prev, chain)";
                return null;
            }

            var previous = Convert.FromHexString(previousHex);
            var canonical = LedgerRecord.Canonical(StreamKey, Version, Type, actor, time, Data, previous);
            return new Sealed(canonical, previous, Convert.FromHexString(chainHex));
        }
        catch (Exception error) when (error is JsonException or JcsException or FormatException or ArgumentException)
        {
            problem = error.Message;
            return null;
        }
    }

    /// <summary>The string members actor, time, prev and chain of the headers object (null where absent).</summary>
    private static (string? Actor, string? Time, string? Previous, string? Chain) ChainHeaders(byte[]? headers)
    {
        var (actor, time, previous, chain) = ((string?)null, (string?)null, (string?)null, (string?)null);
        if (headers is null)
        {
            return (actor, time, previous, chain);
        }

        var reader = new Utf8JsonReader(headers);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            switch (name)
            {
                case EventChain.ActorHeader: actor = value; break;
                case EventChain.TimeHeader: time = value; break;
                case EventChain.PreviousHeader: previous = value; break;
                case EventChain.ChainHeader: chain = value; break;
            }
        }

        return (actor, time, previous, chain);
    }

    /// <summary>An event's canonical bytes with the previous and own chain hashes its headers claim.</summary>
    public sealed record Sealed(byte[] Canonical, byte[] StoredPrevious, byte[] StoredChain)
    {
        public byte[] Chain => LedgerRecord.ChainHash(Canonical);

        public byte[] Leaf => MerkleTree.LeafHash(Canonical);
    }
}
