using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.Hosting;

/// <summary>A witness the log submits its checkpoints to: its c2sp.org/tlog-witness submission prefix and its key.</summary>
public sealed record ConfiguredWitness(Uri SubmissionPrefix, WitnessKey Key)
{
    /// <summary>"&lt;submission prefix&gt;/add-checkpoint".</summary>
    public Uri AddCheckpoint => new(SubmissionPrefix.AbsoluteUri.TrimEnd('/') + "/add-checkpoint");
}

/// <summary>
/// The witnesses (<c>Ledger:Witnesses</c>: a list of <c>{Url, Key}</c>, the key a witness verifier key
/// "name+keyid+base64") and how many of them make a checkpoint witnessed (<c>Ledger:WitnessQuorum</c>, by default all).
/// No witnesses: checkpoints are signed and not witnessed, <see cref="Policy"/> is null.
/// </summary>
public sealed record WitnessSettings(IReadOnlyList<ConfiguredWitness> Witnesses, WitnessPolicy? Policy)
{
    /// <summary>How long the log waits for one witness's answer before it counts it as failed for that checkpoint.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads and checks the settings; anything wrong stops the start with a message naming the setting.</summary>
    public static WitnessSettings From(IConfiguration configuration)
    {
        var witnesses = configuration.GetSection("Ledger:Witnesses").GetChildren().Select(Witness).ToList();
        var quorumText = configuration["Ledger:WitnessQuorum"];
        if (witnesses.Count == 0)
        {
            return quorumText is { Length: > 0 }
                ? throw new InvalidOperationException("Ledger:WitnessQuorum is set but Ledger:Witnesses lists no witness")
                : new WitnessSettings([], null);
        }

        var quorum = quorumText is not { Length: > 0 } ? witnesses.Count
            : int.TryParse(quorumText, System.Globalization.CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= witnesses.Count ? k
            : throw new InvalidOperationException(
                $"Ledger:WitnessQuorum must be a whole number from 1 to {witnesses.Count} (the witnesses configured), got '{quorumText}'");
        try
        {
            return new WitnessSettings(witnesses, new WitnessPolicy([.. witnesses.Select(w => w.Key)], quorum));
        }
        catch (CheckpointException problem)
        {
            throw new InvalidOperationException($"Ledger:Witnesses: {problem.Message}", problem);
        }
    }

    private static ConfiguredWitness Witness(IConfigurationSection section)
    {
        var url = section["Url"];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var prefix) || (prefix.Scheme != Uri.UriSchemeHttp && prefix.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"{section.Path}:Url must be the witness's absolute http(s) submission prefix, got '{url}'");
        }

        try
        {
            return new ConfiguredWitness(prefix, WitnessKey.Parse(section["Key"] ?? ""));
        }
        catch (CheckpointException problem)
        {
            throw new InvalidOperationException(
                $"{section.Path}:Key is not a witness verifier key \"name+keyid+base64\": {problem.Message}", problem);
        }
    }
}
