namespace FairDraw.Ledger.Draws;

/// <summary>One drand value to verify against its chain's key, with the request member that gave it (e.g. "values[0]").</summary>
public sealed record DrandClaim(string Field, DrandChain Chain, long Round, string Signature, string? PreviousSignature);

/// <summary>
/// The form of a recorded drand value for its chain (docs/draw-protocol.md §6): the signature's length, and the previous
/// round's signature a chained chain signs over (required there, refused on an unchained chain). The BLS signature
/// itself is checked outside the pure domain (the Api runs the JavaScript verifier's check), over <see cref="Claims"/>.
/// </summary>
public static class DrandValues
{
    /// <summary>
    /// Checks <paramref name="value"/> and the given previous signature for the chain <paramref name="source"/> names;
    /// returns the evidence to record (the previous signature, lowercase hex), or null when there is none.
    /// </summary>
    public static SourceEvidence? RequireForm(CommittedSource source, SourceValue value, string? previousSignature, string field)
    {
        if (SourceRegistry.DrandOfReference(source.Reference) is not var (chain, _))
        {
            return null; // a source committed before the registry: its value keeps the old check only
        }

        var digits = 2 * chain.SignatureBytes;
        if (value.Value.Length != digits)
        {
            throw DomainException.Invalid($"{field}.signature", $"drand {chain.Name}链的签名为{chain.SignatureBytes}字节（{digits}位十六进制），实际为{value.Value.Length}位 / a drand {chain.Name} signature is {chain.SignatureBytes} bytes ({digits} hex digits), got {value.Value.Length}");
        }

        var previous = previousSignature?.Trim();
        if (!chain.IsChained)
        {
            return string.IsNullOrEmpty(previous) ? null
                : throw DomainException.Invalid($"{field}.previousSignature", $"drand {chain.Name}链不串联，其数值没有上一轮签名 / drand {chain.Name} is unchained: its values have no previous signature");
        }

        if (previous is null || previous.Length != digits || !previous.All(char.IsAsciiHexDigit))
        {
            throw DomainException.Invalid($"{field}.previousSignature", $"drand {chain.Name}链的数值须附上一轮的签名（{digits}位十六进制） / a drand {chain.Name} value needs the previous round's signature ({digits} hex digits)");
        }

        return new SourceEvidence(value.Label, previous.ToLowerInvariant(), null);
    }

    /// <summary>
    /// The drand values among <paramref name="values"/> (recorded for <paramref name="committed"/>'s sources, with their
    /// <paramref name="evidence"/>) to verify, each named by its member in <paramref name="command"/>.
    /// </summary>
    public static IReadOnlyList<DrandClaim> Claims(
        DrawCommitted committed, IReadOnlyList<SourceValue> values, IReadOnlyList<SourceEvidence>? evidence, RecordRandomness command)
    {
        var inputs = command.Values ?? [];
        return [.. committed.Sources.Zip(values).Select(pair => (Source: pair.First, Value: pair.Second))
            .Where(pair => pair.Source.Kind == RandomnessSource.Drand)
            .Select(pair => (pair.Value, Drand: SourceRegistry.DrandOfReference(pair.Source.Reference)))
            .Where(pair => pair.Drand is not null)
            .Select(pair => new DrandClaim(
                $"values[{Enumerable.Range(0, inputs.Count).First(i => inputs[i]?.Label == pair.Value.Label)}]",
                pair.Drand!.Value.Chain,
                pair.Drand.Value.Round,
                pair.Value.Value,
                evidence?.FirstOrDefault(item => item.Label == pair.Value.Label)?.PreviousSignature))];
    }
}
