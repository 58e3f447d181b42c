using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FairDraw.Api.Hosting;
using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Projections.Storage;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NodaTime;
using Npgsql;

namespace FairDraw.Api.Draws;

/// <summary>A public draw read, computed: the round it is about and its JSON.</summary>
public sealed record DrawResult(int Round, byte[] Json);

/// <summary>
/// The public verification (of every round, or of one) and evidence bundle of a round, computed once per state of what
/// they are made from: the task's stream (its newest event), the newest signed checkpoint (every receipt is proved
/// against it) and which of the newest commitment's lapse instants have passed (a round's state moves with the clock
/// there). The state is the ETag, so a visitor who has the answer gets 304 without any work; concurrent requests for one state share one
/// computation. A result may come from a state newer than its key (an event appended meanwhile), never older.
/// <c>verify-draw</c> (CLI) always recomputes.
/// </summary>
public sealed class DrawResults : IDisposable
{
    private static readonly string Build = typeof(DrawResults).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly DrawEvidence _evidence;
    private readonly IDocumentStore _store;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly JsonSerializerOptions _json;
    private readonly MemoryCache _results;
    private readonly ConcurrentDictionary<string, Lazy<Task<DrawResult>>> _running = new();
    private readonly Counter<long> _computations;
    private readonly IClock _clock;

    public DrawResults(
        DrawEvidence evidence, IDocumentStore store, NpgsqlDataSource dataSource, LedgerSettings ledger, HeavyReadSettings settings,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IMeterFactory meters, IClock clock)
    {
        _clock = clock;
        _evidence = evidence;
        _store = store;
        _dataSource = dataSource;
        _schema = ledger.Schema;
        _json = json.Value.SerializerOptions;
        _results = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.CacheBytes });
        _computations = meters.Create("FairDraw.Api")
            .CreateCounter<long>("fairdraw.draw.computations", description: "rounds recomputed for a public verification or evidence read");
    }

    public enum Kind
    {
        Verification,
        Evidence,
    }

    /// <summary>
    /// The answer to a public read: 304 when the caller's If-None-Match holds the current state's ETag, else the JSON
    /// (the evidence as a file download) with that ETag; refusals (no such task or round) as problem details.
    /// </summary>
    public async Task<IResult> AnswerAsync(HttpContext context, Kind kind, string taskId, int? round)
    {
        var state = (await StateAsync(taskId, context.RequestAborted))?.At(_clock.GetCurrentInstant());
        if (state is null)
        {
            // No draw: refused as the computation refuses it.
            return Answer(kind, taskId, await ComputeAsync(kind, taskId, round, null), null);
        }

        var key = Key(kind, taskId, round, state);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Build + key)))[..32];
        var etag = new EntityTagHeaderValue($"\"{hash}\"", isWeak: true);
        context.Response.Headers.CacheControl = "no-cache"; // keep it, but ask again: the ETag tells whether it changed
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            context.Response.Headers.ETag = etag.ToString();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Answer(kind, taskId, await GetAsync(key, () => ComputeAsync(kind, taskId, round, state)), etag);
    }

    private static IResult Answer(Kind kind, string taskId, DrawResult result, EntityTagHeaderValue? etag) => kind == Kind.Evidence
        ? Results.File(result.Json, "application/json", $"evidence-{taskId}-round{result.Round}.json", entityTag: etag)
        : Results.Bytes(result.Json, "application/json; charset=utf-8", entityTag: etag);

    private static string Key(Kind kind, string taskId, int? round, string state) =>
        $"{kind}|{taskId}|{round?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "current"}|{state}";

    /// <summary>The task stream's newest event, the newest signed checkpoint and the lapse instants; null when the task has no events.</summary>
    private Task<DrawStamp?> StateAsync(string taskId, CancellationToken cancellation) =>
        DrawFreshness.StampAsync(_dataSource, _schema, StreamKeys.Task(taskId), cancellation);

    private async Task<DrawResult> GetAsync(string key, Func<Task<DrawResult>> compute)
    {
        if (_results.TryGetValue(key, out DrawResult? kept))
        {
            return kept!;
        }

        var running = _running.GetOrAdd(key, started => new Lazy<Task<DrawResult>>(async () =>
        {
            try
            {
                return Keep(key, await compute());
            }
            finally
            {
                _running.TryRemove(started, out _);
            }
        }));
        return await running.Value;
    }

    private DrawResult Keep(string key, DrawResult result) =>
        _results.Set(key, result, new MemoryCacheEntryOptions { Size = result.Json.Length });

    /// <summary>
    /// Recomputes the round in a session of its own, not cancelled with the request that started it: others may be
    /// waiting for the same result. An evidence bundle holds its verification, which is kept as well.
    /// </summary>
    private async Task<DrawResult> ComputeAsync(Kind kind, string taskId, int? round, string? state)
    {
        _computations.Add(1);
        await using var session = _store.QuerySession();
        if (kind == Kind.Verification && round is null)
        {
            var task = await _evidence.VerifyTaskAsync(session, taskId, CancellationToken.None);
            return new DrawResult(task.Rounds[^1].Round, JsonSerializer.SerializeToUtf8Bytes(task, _json));
        }

        if (kind == Kind.Verification)
        {
            var report = await _evidence.VerifyAsync(session, taskId, round, CancellationToken.None);
            return new DrawResult(report.Round, JsonSerializer.SerializeToUtf8Bytes(report, _json));
        }

        var bundle = await _evidence.BundleAsync(session, taskId, round, CancellationToken.None);
        if (state is not null && round is not null)
        {
            var verification = JsonSerializer.SerializeToUtf8Bytes(bundle.Verification, _json);
            Keep(Key(Kind.Verification, taskId, round, state), new DrawResult(bundle.Round, verification));
        }

        return new DrawResult(bundle.Round, JsonSerializer.SerializeToUtf8Bytes(bundle, EvidenceBundle.Json));
    }

    public void Dispose() => _results.Dispose();
}
