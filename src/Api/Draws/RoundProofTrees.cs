using FairDraw.Api.Hosting;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;
using Marten;
using Microsoft.Extensions.Caching.Memory;

namespace FairDraw.Api.Draws;

/// <summary>
/// The per-entity proofs' trees of frozen rounds, kept in memory: the pool's Merkle tree and, once executed, each
/// stratum's ranked-ticket tree (docs/architecture.md, "Per-entity proofs"). Both are fixed by what the round recorded
/// (the entity root, and the seed), so an entry is keyed by those and never goes stale; the first request for a round
/// restores its pool and ranks it, the others read a proof off the kept levels in O(log N).
/// The memory is bounded by <see cref="LedgerSettings.ProofCacheBytes"/>; a round evicted is rebuilt when asked again.
/// </summary>
public sealed class RoundProofTrees(DrawPools pools, LedgerSettings settings) : IDisposable
{
    private readonly MemoryCache _rounds = new(new MemoryCacheOptions { SizeLimit = settings.ProofCacheBytes });

    /// <summary>
    /// The trees of the round frozen as <paramref name="frozen"/>, with its ranking when <paramref name="drawn"/> gives
    /// the executed round's seed and rules.
    /// </summary>
    public async Task<ProvedRound> GetAsync(
        IQuerySession session, PoolFrozen frozen, (DrawSeed Seed, DrawRules Rules)? drawn, CancellationToken cancellation)
    {
        var key = $"{frozen.EntityRoot}|{frozen.EntityCount}|{(drawn is { Seed: var seed } ? Convert.ToHexStringLower(seed.Prk) : "frozen")}";
        if (_rounds.TryGetValue(key, out ProvedRound? kept))
        {
            return kept!;
        }

        var pool = await pools.RestoreAsync(session, frozen, cancellation);
        var round = ProvedRound.Of(pool, drawn is { } draw ? EntitySelection.Draw(draw.Seed, pool, draw.Rules) : null);
        return _rounds.Set(key, round, new MemoryCacheEntryOptions { Size = round.Bytes });
    }

    public void Dispose() => _rounds.Dispose();
}
