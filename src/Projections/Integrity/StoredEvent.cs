using System.Text;
using System.Text.Json;
using FairDraw.Ledger.Integrity;
using Npgsql;

namespace FairDraw.Projections.Integrity;

/// <summary>One event row as stored, with what is needed to rebuild its canonical bytes without trusting Marten.</summary>
public sealed record StoredEvent(long Sequence, string StreamKey, long Version, string Type, string Data, string? Headers)
{
    /// <summary>The columns <see cref="Read"/> expects, in order, of the event table aliased <c>e</c>.</summary>
    public const string Columns = "e.seq_id, e.stream_id, e.version, e.type, e.data::text, e.headers::text";

    public static StoredEvent Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));

    /// <summary>
    /// Rebuilds the canonical bytes from the row and its chain headers, and reads the stored chain and previous hashes.
    /// Returns null with a reason when the row is unchained or its payload is not canonicalisable.
    /// </summary>
    public Sealed? Unseal(out string? problem)
    {
        problem = null;
        try
        {
            using var headers = JsonDocument.Parse(Headers ?? "{}");
            string? Header(string name) => headers.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var (actor, time, previousHex, chainHex) = (Header(EventChain.ActorHeader), Header(EventChain.TimeHeader), Header(EventChain.PreviousHeader), Header(EventChain.ChainHeader));
            if (actor is null || time is null || previousHex is null || chainHex is null)
            {
                problem = "no chain headers (actor, time, prev, chain)";
                return null;
            }

            var previous = Convert.FromHexString(previousHex);
            var canonical = LedgerRecord.Canonical(StreamKey, Version, Type, actor, time, Encoding.UTF8.GetBytes(Data), previous);
            return new Sealed(canonical, previous, Convert.FromHexString(chainHex));
        }
        catch (Exception error) when (error is JsonException or JcsException or FormatException or ArgumentException)
        {
            problem = error.Message;
            return null;
        }
    }

    /// <summary>An event's canonical bytes with the previous and own chain hashes its headers claim.</summary>
    public sealed record Sealed(byte[] Canonical, byte[] StoredPrevious, byte[] StoredChain)
    {
        public byte[] Chain => LedgerRecord.ChainHash(Canonical);

        public byte[] Leaf => MerkleTree.LeafHash(Canonical);
    }
}
