using System.Security.Cryptography;

namespace FairDraw.Ledger.Draws;

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
}
