using System.Globalization;
using System.Net;
using System.Text;
using FairDraw.Api.Demo;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Benchmarks;

/// <summary>
/// An honest c2sp.org/tlog-witness in the benchmark's process, cosigning at the demo's clock: a real witness stamps its
/// own wall clock, which would put every cosignature years after the demo's 2021–2022 events and leave each deadline
/// undetermined. It verifies the log's signature, the old size it holds and the consistency proof, as TestWitness does.
/// </summary>
internal sealed class BenchWitness(string name, byte[] seed, DemoClock clock)
{
    public const string Host = "witness.bench";

    private readonly Lock _gate = new();
    private (long Size, byte[]? Root) _held;

    public Cosigner Cosigner { get; } = new(name, seed);

    /// <summary>The log's verifier key, known once the API has started.</summary>
    public string LogKey { get; set; } = "";

    /// <summary>A handler for the API's witness client (the client factory disposes handlers, so one per call).</summary>
    public HttpMessageHandler NewHandler() => new Handler(this);

    private HttpResponseMessage Answer(string body)
    {
        var request = AddCheckpointRequest.Parse(body);
        var checkpoint = CheckpointVerifier.Verify(request.SignedNote, LogKey);
        lock (_gate)
        {
            if (request.OldSize != _held.Size)
            {
                var size = new StringContent(_held.Size.ToString(CultureInfo.InvariantCulture) + "\n", Encoding.UTF8);
                size.Headers.ContentType = new("text/x.tlog.size");
                return new HttpResponseMessage(HttpStatusCode.Conflict) { Content = size };
            }

            var consistent = request.OldSize == 0
                ? request.Proof.Count == 0
                : MerkleTree.VerifyConsistency(request.OldSize, checkpoint.TreeSize, _held.Root, checkpoint.RootHash, request.Proof);
            if (!consistent)
            {
                return new HttpResponseMessage(HttpStatusCode.UnprocessableEntity);
            }

            _held = (checkpoint.TreeSize, checkpoint.RootHash);
        }

        var line = Cosigner.Cosign(checkpoint, clock.Now.ToUnixTimeSeconds());
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(line, Encoding.UTF8) };
    }

    private sealed class Handler(BenchWitness witness) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { Host: BenchWitness.Host, AbsolutePath: "/add-checkpoint" }
                ? witness.Answer(await request.Content!.ReadAsStringAsync(cancellationToken))
                : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
