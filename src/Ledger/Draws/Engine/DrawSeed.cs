using System.Security.Cryptography;

namespace FairDraw.Ledger.Draws.Engine;

/// <summary>
/// The seed of a draw: PRK = HKDF-Extract(SHA-256, salt = CommitHash, IKM), and the tickets expanded from it:
/// ticket(l1, l2, …) = HKDF-Expand(SHA-256, PRK, info = enc("DRAW-v1") || enc(l1) || enc(l2) || …, 32 bytes).
/// </summary>
public sealed class DrawSeed
{
    public const string Protocol = "DRAW-v1";
    public const int TicketSize = 32;

    private readonly byte[] prk;

    private DrawSeed(byte[] prk) => this.prk = prk;

    public byte[] Prk => prk.ToArray();

    public static DrawSeed Derive(DrawCommitment commitment, RandomnessRecord randomness) =>
        Extract(commitment.CommitHash, randomness.Ikm);

    /// <summary>HKDF-Extract with SHA-256 (RFC 5869 section 2.2).</summary>
    public static DrawSeed Extract(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm)
    {
        var key = new byte[SHA256.HashSizeInBytes];
        HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt, key);
        return new DrawSeed(key);
    }

    /// <summary>HKDF-Expand with SHA-256 (RFC 5869 section 2.3).</summary>
    public byte[] Expand(ReadOnlySpan<byte> info, int length)
    {
        var output = new byte[length];
        HKDF.Expand(HashAlgorithmName.SHA256, prk, output, info);
        return output;
    }

    public byte[] Ticket(params IEnumerable<string> labels) => Expand(DrawEncoding.Enc([Protocol, .. labels]), TicketSize);

    /// <summary>A writer of the tickets that share the labels <paramref name="first"/> and <paramref name="second"/>.</summary>
    internal TicketWriter Tickets(string first, string second) => new(prk, first, second);

    /// <summary>
    /// Writes ticket(first, second, last) for many values of last, without allocating: with L = 32 a ticket is the first
    /// HKDF-Expand block alone, HMAC-SHA256(PRK, info || 0x01), so one HMAC key schedule and one info buffer whose
    /// enc("DRAW-v1") || enc(first) || enc(second) is written once serve every ticket. Not thread-safe: one per thread.
    /// </summary>
    internal sealed class TicketWriter : IDisposable
    {
        private readonly IncrementalHash hmac;
        private byte[] info = new byte[128];
        private int prefixLength;

        public TicketWriter(byte[] prk, string first, string second)
        {
            hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, prk);
            Lead(first, second);
        }

        /// <summary>Changes the shared labels (normalized to NFC, as every label is).</summary>
        public void Lead(string first, string second)
        {
            var prefix = DrawEncoding.Enc(Protocol, first, second);
            Reserve(prefix.Length);
            prefix.CopyTo(info, 0);
            prefixLength = prefix.Length;
        }

        /// <summary>Writes ticket(first, second, <paramref name="last"/>) into <paramref name="ticket"/>; last is already in NFC (a member's id).</summary>
        public void Write(string last, Span<byte> ticket)
        {
            Reserve(prefixLength + DrawEncoding.MaxEncodedLength(last) + 1);
            Finish(prefixLength + DrawEncoding.WriteNfc(info.AsSpan(prefixLength), last), ticket);
        }

        /// <summary>Writes ticket(first, second, last) into <paramref name="ticket"/>, given enc(last) (of a string in NFC).</summary>
        public void WriteEncoded(ReadOnlySpan<byte> encodedLast, Span<byte> ticket)
        {
            Reserve(prefixLength + encodedLast.Length + 1);
            encodedLast.CopyTo(info.AsSpan(prefixLength));
            Finish(prefixLength + encodedLast.Length, ticket);
        }

        public void Dispose() => hmac.Dispose();

        /// <summary>Appends the HKDF-Expand block counter 0x01 to the info of <paramref name="length"/> bytes and hashes it.</summary>
        private void Finish(int length, Span<byte> ticket)
        {
            info[length] = 0x01;
            hmac.AppendData(info, 0, length + 1);
            hmac.GetHashAndReset(ticket);
        }

        private void Reserve(int length)
        {
            if (info.Length < length)
            {
                Array.Resize(ref info, Math.Max(length, 2 * info.Length));
            }
        }
    }
}
