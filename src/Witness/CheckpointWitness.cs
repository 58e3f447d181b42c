using System.Collections.Concurrent;
using System.Security.Cryptography;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Witness;

/// <summary>
/// The witness: cosigns a trusted log's checkpoint only when it extends the one held for that log by a valid
/// consistency proof (c2sp.org/tlog-witness), and keeps a refused fork as evidence. Holds the state folder's lock
/// for its lifetime, so two witness processes never share one state.
/// </summary>
internal sealed class CheckpointWitness : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private readonly StateFolder state;
    private readonly IClock clock;
    private readonly ILogger<CheckpointWitness> logger;
    private readonly FileStream folderLock;

    public CheckpointWitness(StateFolder state, IClock clock, ILogger<CheckpointWitness> logger)
    {
        (this.state, this.clock, this.logger) = (state, clock, logger);
        Cosigner = WitnessKeyFile.Load(state);
        state.CreateFolders();
        try
        {
            // FileShare.None takes an exclusive lock (flock on Unix), held until Dispose.
            folderLock = new FileStream(Path.Combine(state.Path, "serve.lock"),
                AtomicFile.OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new WitnessSetupException($"另一个见证进程正在使用 / another witness process serves {state.Path}");
        }
    }

    public Cosigner Cosigner { get; }

    /// <summary>The cosignature line for the request's checkpoint; any refusal throws <see cref="Refusal"/>.</summary>
    public async Task<string> AddCheckpoint(string body, CancellationToken cancellation)
    {
        var submission = Submission.Admit(body, TrustedLogs.Load(state));
        // Checking the old size and persisting the new checkpoint under one gate per log: two requests cannot both pass
        // the check against the same held size, so an older checkpoint can never overwrite a newer one.
        var gate = gates.GetOrAdd(submission.Checkpoint.Origin, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellation);
        try
        {
            return Advance(submission, body);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The latest cosigned checkpoint note for an origin, or null when none was cosigned.</summary>
    public string? Latest(string origin) => LogRecord.Read(state, origin)?.Checkpoint;

    public void Dispose()
    {
        folderLock.Dispose();
        foreach (var gate in gates.Values)
        {
            gate.Dispose();
        }
    }

    private string Advance(Submission submission, string body)
    {
        var (request, checkpoint) = (submission.Request, submission.Checkpoint);
        var held = LogRecord.Read(state, checkpoint.Origin);
        // Never having cosigned is holding the empty tree: size 0, whose root RFC 6962 fixes.
        var (heldSize, heldRoot) = held is null ? (0L, MerkleTree.EmptyRoot) : (held.TreeSize, held.Root());
        if (request.OldSize != heldSize)
        {
            throw new SizeConflict(heldSize);
        }

        if (request.OldSize == checkpoint.TreeSize && !heldRoot.AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            RefuseFork(StatusCodes.Status409Conflict, "同一大小不同根 / Same size, different root",
                $"the log signed size {heldSize} with a root other than the one this witness cosigned", held, checkpoint, body);
        }

        // RFC 6962 has no proof from the empty tree nor between equal trees: both must come with none.
        var consistent = request.OldSize == 0 || request.OldSize == checkpoint.TreeSize
            ? request.Proof.Count == 0
            : MerkleTree.VerifyConsistency(request.OldSize, checkpoint.TreeSize, heldRoot, checkpoint.RootHash, request.Proof);
        if (!consistent)
        {
            RefuseFork(StatusCodes.Status422UnprocessableEntity, "一致性证明无效 / Consistency proof does not verify",
                $"the proof does not show size {checkpoint.TreeSize} extending the held size {heldSize}", held, checkpoint, body);
        }

        var line = Cosigner.Cosign(checkpoint, clock.GetCurrentInstant().ToUnixTimeSeconds());
        new LogRecord(checkpoint.Origin, submission.Log.VerifierKey, checkpoint.TreeSize,
            Convert.ToBase64String(checkpoint.RootHash), submission.LogNote + line).Write(state);
        return line;
    }

    /// <summary>
    /// A checkpoint the log signed that contradicts what this witness holds is proof of misbehaviour (or of a broken
    /// log): said loudly, kept with the held note in <c>evidence/</c>, never cosigned; the held state does not move.
    /// </summary>
    private void RefuseFork(int status, string title, string detail, LogRecord? held, Checkpoint checkpoint, string body)
    {
        var now = clock.GetCurrentInstant();
        var file = Path.Combine(state.Evidence,
            $"{InstantPattern.General.Format(now).Replace(":", string.Empty, StringComparison.Ordinal)}"
            + $"-{WitnessStateLayout.OriginId(checkpoint.Origin)}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}.json");
        AtomicFile.WriteNew(file, StateFolder.Serialize(new Evidence(
            InstantPattern.General.Format(now), status, detail, checkpoint.Origin, held?.Checkpoint, body)));
        logger.LogCritical(
            "Witness refused a checkpoint of {Origin}: {Detail}. Held size {HeldSize} root {HeldRoot}; submitted size {Size} root {Root}; evidence {File}",
            checkpoint.Origin, detail, held?.TreeSize ?? 0, held?.RootHash ?? Convert.ToBase64String(MerkleTree.EmptyRoot),
            checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash), file);
        throw new Refusal(status, "checkpoint", title, detail);
    }

    /// <summary>An <c>evidence/</c> file: when, the status answered, why, the note held then and the request as received.</summary>
    private sealed record Evidence(string ReceivedAt, int Status, string Reason, string Origin, string? Held, string Request);
}
