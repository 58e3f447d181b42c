using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Draws;

/// <summary>The canonical value of one resolved source, as it enters the IKM.</summary>
public sealed record SourceValue(string Label, string Value)
{
    /// <summary>
    /// A drand round's signature, as lowercase hex. <paramref name="field"/> names the signature in the caller's input
    /// (the request's JSON path, e.g. "values[1].signature") for the error.
    /// </summary>
    public static SourceValue Drand(string label, string signatureHex, string field = "value")
    {
        var hex = signatureHex.Trim();
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            throw DomainException.Invalid(field, $"随机源“{label}”的签名须为偶数位十六进制数字 / source '{label}' needs the signature as an even number of hex digits");
        }

        return new SourceValue(label, hex.ToLowerInvariant());
    }

    /// <summary>
    /// Lottery numbers RFC 3797 style: ascending, each followed by '.', the source ended by '/' ("3.12.25./").
    /// <paramref name="field"/> names the numbers in the caller's input (e.g. "values[0].numbers") for the error.
    /// </summary>
    public static SourceValue Lottery(string label, IEnumerable<int> numbers, string field = "value")
    {
        var sorted = numbers.Order().ToList();
        if (sorted.Count == 0 || sorted[0] < 0)
        {
            throw DomainException.Invalid(field, $"随机源“{label}”须至少有一个非负整数 / source '{label}' needs at least one non-negative number");
        }

        var text = new StringBuilder();
        foreach (var number in sorted)
        {
            text.Append(number.ToString(CultureInfo.InvariantCulture)).Append('.');
        }

        return new SourceValue(label, text.Append('/').ToString());
    }
}

/// <summary>
/// The resolved randomness of a draw: one value per committed source, in committed order, and the revealed party
/// secrets, each checked against its committed SHA-256. <see cref="Ikm"/> is the HKDF input keying material.
/// </summary>
public sealed class RandomnessRecord
{
    private RandomnessRecord(IReadOnlyList<SourceValue> values, IReadOnlyList<byte[]> partySecrets)
    {
        Values = values;
        PartySecrets = partySecrets;
        Ikm = DrawEncoding.Concat(
            values.SelectMany(value => new[] { DrawEncoding.Enc(value.Label), DrawEncoding.Enc(value.Value) })
                .Concat(partySecrets.SelectMany(secret => new[] { DrawEncoding.Enc("party"), DrawEncoding.Enc(secret) })));
    }

    public IReadOnlyList<SourceValue> Values { get; }

    public IReadOnlyList<byte[]> PartySecrets { get; }

    /// <summary>enc(label_1) || enc(value_1) || … || enc("party") || enc(secret_1) || ….</summary>
    public byte[] Ikm { get; }

    public static RandomnessRecord Create(DrawCommitment commitment, IReadOnlyList<SourceValue> values, IReadOnlyList<byte[]>? partySecrets = null)
    {
        if (values.Count != commitment.Sources.Count)
        {
            throw DomainException.Invalid("values", $"the commitment names {commitment.Sources.Count} sources but {values.Count} values were given");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Label != commitment.Sources[i].Label)
            {
                throw DomainException.Invalid($"values[{i}]", $"value {i} is for '{values[i].Label}' but the commitment names '{commitment.Sources[i].Label}' there");
            }
        }

        var secrets = partySecrets ?? [];
        if (secrets.Count != commitment.PartyCommitments.Count)
        {
            throw DomainException.Invalid("partySecrets", $"{commitment.PartyCommitments.Count} party secrets were committed but {secrets.Count} were revealed");
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            if (!SHA256.HashData(secrets[i]).AsSpan().SequenceEqual(commitment.PartyCommitments[i]))
            {
                throw DomainException.Invalid($"partySecrets[{i}]", $"party secret {i} does not match its committed hash {Convert.ToHexStringLower(commitment.PartyCommitments[i])}");
            }
        }

        return new RandomnessRecord([.. values], [.. secrets.Select(secret => secret.ToArray())]);
    }
}
