using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using FairDraw.Api.Hosting;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>What one witness did with one checkpoint: cosigned it (its valid lines stored), or why not.</summary>
public sealed record WitnessOutcome(string Witness, bool Cosigned, string Detail);

/// <summary>
/// Submits signed checkpoints to every configured witness at once (c2sp.org/tlog-witness add-checkpoint) and stores the
/// cosignature lines that verify. Each witness's size starts from the newest cosignature stored for it (else 0); a 409
/// naming another size (<c>text/x.tlog.size</c>) is retried once from that size. A witness that fails is logged with
/// its reason and tried again with the next checkpoint; it never holds up signing or the other witnesses.
/// </summary>
public sealed class CheckpointWitnessing(
    WitnessSettings settings, CheckpointSigner signer, LedgerCosignatures cosignatures, LedgerProofs proofs,
    IHttpClientFactory clients, ILogger<CheckpointWitnessing> logger)
{
    public const string HttpClientName = "witnesses";
    private const string SizeContentType = "text/x.tlog.size";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _sizes = new();

    public bool Configured => settings.Witnesses.Count > 0;

    /// <summary>
    /// Submits <paramref name="signedNote"/> (a checkpoint this log signed) to every witness; one submission at a time,
    /// so that a witness's size is never raced. Returns each witness's outcome (none without witnesses).
    /// </summary>
    public async Task<IReadOnlyList<WitnessOutcome>> SubmitAsync(string signedNote, CancellationToken cancellation)
    {
        if (!Configured)
        {
            return [];
        }

        var checkpoint = CheckpointVerifier.Verify(signedNote, signer.PublicKeyText());
        await _gate.WaitAsync(cancellation);
        try
        {
            return await Task.WhenAll(settings.Witnesses.Select(witness => SubmitAsync(witness, checkpoint, signedNote, cancellation)));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<WitnessOutcome> SubmitAsync(
        ConfiguredWitness witness, Checkpoint checkpoint, string note, CancellationToken cancellation)
    {
        var name = witness.Key.Name;
        WitnessOutcome outcome;
        try
        {
            var size = _sizes.TryGetValue(name, out var known) ? known : await cosignatures.NewestSizeAsync(name, cancellation);
            outcome = size == checkpoint.TreeSize ? new WitnessOutcome(name, true, $"already cosigned tree size {size}")
                : size > checkpoint.TreeSize
                    ? new WitnessOutcome(name, false, $"the witness holds tree size {size}, beyond this log's {checkpoint.TreeSize}")
                : await AddCheckpointAsync(witness, checkpoint, note, size, retry: true, cancellation);
        }
        catch (Exception failure) when (!cancellation.IsCancellationRequested)
        {
            outcome = new WitnessOutcome(name, false, failure switch
            {
                TaskCanceledException => $"no answer within {WitnessSettings.Timeout.TotalSeconds:0} s",
                HttpRequestException => "unreachable: " + failure.Message,
                _ => $"{failure.GetType().Name}: {failure.Message}",
            });
        }

        if (!outcome.Cosigned)
        {
            logger.LogWarning("Ledger: witness {Witness} did not cosign checkpoint {Size}: {Reason}; retrying with the next checkpoint",
                name, checkpoint.TreeSize, outcome.Detail);
        }

        return outcome;
    }

    private async Task<WitnessOutcome> AddCheckpointAsync(
        ConfiguredWitness witness, Checkpoint checkpoint, string note, long oldSize, bool retry, CancellationToken cancellation)
    {
        var name = witness.Key.Name;
        var proof = oldSize == 0 || oldSize == checkpoint.TreeSize
            ? []
            : await proofs.ConsistencyFromCheckpointAsync(oldSize, checkpoint.TreeSize, cancellation);
        using var content = new StringContent(new AddCheckpointRequest(oldSize, proof, note).Body(), Encoding.UTF8, "text/plain");
        using var response = await clients.CreateClient(HttpClientName).PostAsync(witness.AddCheckpoint, content, cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict && retry
            && response.Content.Headers.ContentType?.MediaType == SizeContentType
            && long.TryParse(body.TrimEnd('\n'), NumberStyles.None, CultureInfo.InvariantCulture, out var theirs)
            && theirs != oldSize && theirs <= checkpoint.TreeSize)
        {
            return await AddCheckpointAsync(witness, checkpoint, note, theirs, retry: false, cancellation);
        }

        if (!response.IsSuccessStatusCode)
        {
            return new WitnessOutcome(name, false, $"HTTP {(int)response.StatusCode} from {oldSize}: {body.Trim()}");
        }

        // Only lines that verify under this witness's key over this checkpoint are kept; any other is refused, never stored.
        var policy = new WitnessPolicy([witness.Key], 1);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line + "\n").ToList();
        var valid = lines.Where(line => LedgerCosignatures.Meets(note + line, policy)).ToList();
        foreach (var line in valid)
        {
            await cosignatures.AddAsync(checkpoint.TreeSize, name, line, cancellation);
        }

        if (valid.Count == 0)
        {
            return new WitnessOutcome(name, false, $"none of the {lines.Count} line(s) answered is a valid cosignature by {name}");
        }

        _sizes[name] = checkpoint.TreeSize;
        return new WitnessOutcome(name, true, $"cosigned tree size {checkpoint.TreeSize} (from {oldSize})");
    }
}
