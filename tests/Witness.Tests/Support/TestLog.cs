using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Witness.Tests.Support;

/// <summary>
/// A log for the tests: a fresh ECDSA P-256 key, leaves "leaf 0", "leaf 1", … (or another history from
/// <see cref="Fork"/>), signed checkpoints and real RFC 6962 consistency proofs over them.
/// </summary>
public sealed class TestLog : IDisposable
{
    public const string Origin = "fairdraw.example/ledger";

    private readonly ECDsa key;
    private readonly CheckpointSigner signer;
    private readonly string prefix;

    public TestLog(ECDsa? key = null, string origin = Origin, string leafPrefix = "leaf")
    {
        this.key = key ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);
        signer = new CheckpointSigner(this.key, origin);
        (LogOrigin, prefix) = (origin, leafPrefix);
    }

    public string LogOrigin { get; }

    public string VerifierKey => signer.PublicKeyText();

    /// <summary>The same key and origin over leaves that differ from index <paramref name="from"/> on: a forked history.</summary>
    public TestLog Fork(int from) => new(ExportedKey(), LogOrigin, $"fork-at-{from}") { ForkFrom = from };

    private int ForkFrom { get; init; } = int.MaxValue;

    public byte[] Root(long size) => MerkleTree.Root(Leaves(size), size);

    public string Note(long size) => signer.Sign(new Checkpoint(LogOrigin, size, Root(size)));

    public IReadOnlyList<byte[]> Proof(long oldSize, long size) =>
        oldSize == 0 ? [] : MerkleTree.ConsistencyProof(Leaves(size), oldSize, size);

    /// <summary>The add-checkpoint body for size <paramref name="size"/> with a proof from <paramref name="oldSize"/>.</summary>
    public string Body(long oldSize, long size) => Request(oldSize, size).Body;

    /// <summary>The body and the note in it (ECDSA is randomised: every note of a size is signed anew).</summary>
    public (string Body, string Note) Request(long oldSize, long size)
    {
        var note = Note(size);
        return (new AddCheckpointRequest(oldSize, Proof(oldSize, size), note).Body(), note);
    }

    /// <summary>A note over any text, validly signed by the log's key: for what the witness does with odd bodies.</summary>
    public string NoteOver(string text)
    {
        var keyId = SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..4];
        var signature = key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return $"{text}\n\u2014 {LogOrigin} {Convert.ToBase64String([.. keyId, .. signature])}\n";
    }

    public void Dispose() => key.Dispose();

    private ECDsa ExportedKey()
    {
        var copy = ECDsa.Create();
        copy.ImportParameters(key.ExportParameters(includePrivateParameters: true));
        return copy;
    }

    private List<byte[]> Leaves(long size) =>
        [.. Enumerable.Range(0, (int)size).Select(i =>
            MerkleTree.LeafHash(Encoding.UTF8.GetBytes(i < ForkFrom ? $"leaf {i}" : $"{prefix} {i}")))];
}
