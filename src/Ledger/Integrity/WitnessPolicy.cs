namespace FairDraw.Ledger.Integrity;

/// <summary>
/// Which witnesses a verifier trusts and how many of them must have cosigned a checkpoint (k of n) before the verifier
/// calls it witnessed. The keys come from outside the ledger being verified (the witnesses' own published keys).
/// </summary>
public sealed record WitnessPolicy
{
    public WitnessPolicy(IReadOnlyList<WitnessKey> witnesses, int quorum)
    {
        ArgumentNullException.ThrowIfNull(witnesses);
        if (witnesses.Select(w => w.Name).Distinct(StringComparer.Ordinal).Count() != witnesses.Count)
        {
            throw new CheckpointException("a witness policy names each witness once");
        }

        if (quorum < 1 || quorum > witnesses.Count)
        {
            throw new CheckpointException($"a witness policy needs between 1 and {witnesses.Count} cosignatures, got {quorum}");
        }

        (Witnesses, Quorum) = (witnesses, quorum);
    }

    public IReadOnlyList<WitnessKey> Witnesses { get; }

    public int Quorum { get; }

    /// <summary>A policy from witness verifier keys (<see cref="WitnessKey.Parse"/>) and the quorum k.</summary>
    public static WitnessPolicy Parse(IEnumerable<string> witnessKeys, int quorum) =>
        new([.. witnessKeys.Select(WitnessKey.Parse)], quorum);
}
