using System.Globalization;
using System.Net;
using System.Text;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// A c2sp.org/tlog-witness add-checkpoint handler built from the shared primitives: it verifies the log's signature,
/// its old size against the size it holds (409 with <c>text/x.tlog.size</c>), the consistency proof (422) and answers
/// with a cosignature line. It can be down (the connection fails) or answer with a tampered line.
/// </summary>
public sealed class TestWitness(string name, long posixTime)
{
    /// <summary>The log's verifier key, known once its host has started.</summary>
    public string LogKey { get; set; } = "";

    public Cosigner Cosigner { get; } = new(name, Cosigner.NewSeed());

    public string Name => name;

    public string VerifierKey => Cosigner.Key.VerifierKeyText();

    public bool Down { get; set; }

    /// <summary>The POSIX time it cosigns at, which a test may move (the witness's clock, not the log's).</summary>
    public long Time { get; set; } = posixTime;

    public bool Tampering { get; set; }

    /// <summary>While set and not completed, the witness holds every request open (a hung witness).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>How many requests were held, and how many are held open right now.</summary>
    public int HeldRequests, Holding;

    /// <summary>The tree size and root it last cosigned (0 and none at first).</summary>
    public (long Size, byte[]? Root) Held { get; private set; }

    /// <summary>Every answer it gave: the old size asked and the status.</summary>
    public List<(long OldSize, HttpStatusCode Status)> Answers { get; } = [];

    public void Forget() => (Held, Down, Tampering, Hold, HeldRequests, Holding) = ((0, null), false, false, null, 0, 0);

    public HttpResponseMessage Answer(string body)
    {
        if (Down)
        {
            throw new HttpRequestException($"connection refused by {name} (down)");
        }

        var request = AddCheckpointRequest.Parse(body);
        var (status, response) = Decide(request);
        Answers.Add((request.OldSize, status));
        return new HttpResponseMessage(status) { Content = response };
    }

    private (HttpStatusCode, HttpContent?) Decide(AddCheckpointRequest request)
    {
        Checkpoint checkpoint;
        try
        {
            checkpoint = CheckpointVerifier.Verify(request.SignedNote, LogKey);
        }
        catch (CheckpointException)
        {
            return (HttpStatusCode.Forbidden, null);
        }

        if (request.OldSize > checkpoint.TreeSize)
        {
            return (HttpStatusCode.BadRequest, null);
        }

        if (request.OldSize != Held.Size)
        {
            var size = new StringContent(Held.Size.ToString(CultureInfo.InvariantCulture) + "\n", Encoding.UTF8);
            size.Headers.ContentType = new("text/x.tlog.size");
            return (HttpStatusCode.Conflict, size);
        }

        var consistent = request.OldSize == 0
            ? request.Proof.Count == 0
            : MerkleTree.VerifyConsistency(request.OldSize, checkpoint.TreeSize, Held.Root, checkpoint.RootHash, request.Proof);
        if (!consistent)
        {
            return request.OldSize == checkpoint.TreeSize ? (HttpStatusCode.Conflict, null) : (HttpStatusCode.UnprocessableEntity, null);
        }

        Held = (checkpoint.TreeSize, checkpoint.RootHash);
        var line = Cosigner.Cosign(checkpoint, Time);
        if (Tampering)
        {
            var signature = line[(line.LastIndexOf(' ') + 1)..^1];
            var bytes = Convert.FromBase64String(signature);
            bytes[^1] ^= 1;
            line = line.Replace(signature, Convert.ToBase64String(bytes), StringComparison.Ordinal);
        }

        return (HttpStatusCode.OK, new StringContent(line, Encoding.UTF8));
    }
}

/// <summary>The HTTP handler behind which the test witnesses answer, each at http://&lt;its host&gt;/.</summary>
public sealed class TestWitnesses(IReadOnlyDictionary<string, TestWitness> byHost) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var witness = byHost[request.RequestUri!.Host];
        Assert.Equal("/add-checkpoint", request.RequestUri.AbsolutePath);
        if (witness.Hold is { } hold)
        {
            Interlocked.Increment(ref witness.HeldRequests);
            Interlocked.Increment(ref witness.Holding);
            try
            {
                await hold.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref witness.Holding);
            }
        }

        return witness.Answer(await request.Content!.ReadAsStringAsync(cancellationToken));
    }
}
