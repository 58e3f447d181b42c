using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace FairDraw.Ledger.Integrity;

/// <summary>One valid cosignature: the witness and the POSIX time it signed at.</summary>
public sealed record Cosignature(WitnessKey Witness, long Timestamp);

/// <summary>
/// Whether a signed checkpoint note meets a <see cref="WitnessPolicy"/>: the witnesses whose cosignature verifies, and
/// the lines from a policy witness that do not (a bad line never counts, and is named).
/// </summary>
public sealed record WitnessCheck(WitnessPolicy Policy, IReadOnlyList<Cosignature> Valid, IReadOnlyList<string> Problems)
{
    public bool Met => Valid.Count >= Policy.Quorum;

    /// <summary>"2 of 3 witnesses cosigned (quorum 2): a, b" — for a verifier's output.</summary>
    public string Describe() =>
        $"{Valid.Count} of {Policy.Witnesses.Count} witnesses cosigned (quorum {Policy.Quorum})"
        + (Valid.Count == 0 ? string.Empty : ": " + string.Join(", ", Valid.Select(c => c.Witness.Name)))
        + (Problems.Count == 0 ? string.Empty : "; " + string.Join("; ", Problems));
}

/// <summary>Verifies cosignature/v1 lines (c2sp.org/tlog-cosignature) on a checkpoint note; see <see cref="Cosigner"/>.</summary>
public static class Cosignatures
{
    private const int SignatureSize = 64;

    /// <summary>"cosignature/v1\ntime &lt;timestamp&gt;\n" || the checkpoint body: the bytes a witness signs.</summary>
    public static byte[] SignedMessage(string body, long timestamp) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{body}");

    /// <summary>
    /// Checks every policy witness's lines on <paramref name="signedNote"/>. Lines from other keys are ignored (as
    /// c2sp.org/signed-note requires); a witness counts once however many valid lines it has.
    /// </summary>
    public static WitnessCheck Check(string signedNote, WitnessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var note = SignedNote.Parse(signedNote);
        var (valid, problems) = (new List<Cosignature>(), new List<string>());
        foreach (var witness in policy.Witnesses)
        {
            var lines = note.Signatures
                .Where(s => s.KeyName == witness.Name && s.Signature.AsSpan(0, NoteKey.KeyIdSize).SequenceEqual(witness.KeyId));
            Cosignature? found = null;
            foreach (var (_, signature) in lines)
            {
                if (Verify(note.Text, signature, witness) is { } timestamp)
                {
                    found ??= new Cosignature(witness, timestamp);
                }
                else
                {
                    problems.Add($"the cosignature of {witness.Name} does not verify over the checkpoint");
                }
            }

            if (found is not null)
            {
                valid.Add(found);
            }
        }

        return new WitnessCheck(policy, valid, problems);
    }

    /// <summary>The timestamp of a valid cosignature (key ID, u64 time, Ed25519 signature) over <paramref name="body"/>; else null.</summary>
    private static long? Verify(string body, byte[] signature, WitnessKey witness)
    {
        if (signature.Length != NoteKey.KeyIdSize + sizeof(long) + SignatureSize)
        {
            return null;
        }

        var time = BinaryPrimitives.ReadUInt64BigEndian(signature.AsSpan(NoteKey.KeyIdSize));
        if (time > long.MaxValue)
        {
            return null;
        }

        var message = SignedMessage(body, (long)time);
        var verifier = new Ed25519Signer();
        verifier.Init(forSigning: false, new Ed25519PublicKeyParameters(witness.PublicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature[(NoteKey.KeyIdSize + sizeof(long))..]) ? (long)time : null;
    }
}
