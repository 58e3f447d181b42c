using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace FairDraw.Api.Draws;

/// <summary>Every round whose frozen entity pool held the entity, each with its per-entity proof.</summary>
public sealed record EntityDrawProofs(string Uscc, IReadOnlyList<EntityDrawProof> Draws);

/// <summary>
/// One round's per-entity proof (docs/draw-protocol.md §12.5): the signed records it is read from, the entity's leaf
/// index and inclusion proof in the frozen entity root, and once executed its ticket, rank and the inclusion proof at
/// that rank in the stratum's ranked-ticket tree (null before execution, or for a round executed before rank roots).
/// </summary>
public sealed record EntityDrawProof(
    string TaskId,
    int Round,
    RoundState State,
    string Stratum,
    string EntityId,
    EntityDrawReceipts Receipts,
    int LeafIndex,
    IReadOnlyList<string> EntityProof,
    string? Ticket,
    int? Rank,
    IReadOnlyList<string>? RankProof);

/// <summary>
/// The receipts (GET /api/ledger/receipts shape) of the round's events the proof reads; null where not yet recorded or
/// not yet in the signed log.
/// </summary>
public sealed record EntityDrawReceipts(
    Receipt? PoolFrozen,
    Receipt? DrawCommitted,
    IReadOnlyList<Receipt?> PartySecrets,
    Receipt? RandomnessRecorded,
    Receipt? DrawExecuted);

public static class EntityDraws
{
    /// <summary>
    /// 我的企业是否被抽中: every round of every task whose frozen pool held the entity, selected or not, each with a proof
    /// the browser checks without the pool (verifier/entity-proof.mjs). The rounds come from the index written with each
    /// freeze; each proof is read off the round's kept trees (<see cref="RoundProofTrees"/>), built on a round's first request
    /// by restoring its pool and ranking it, so anonymous callers are limited as the other heavy reads.
    /// </summary>
    [AllowAnonymous]
    [EnableRateLimiting(HeavyReadSettings.Policy)]
    [ProducesResponseType<EntityDrawProofs>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [WolverineGet("/api/public/entities/{uscc}/draws", Name = "ListEntityDraws")]
    public static async Task<EntityDrawProofs> Get(
        string uscc, IQuerySession session, DrawPools pools, RoundProofTrees trees, LedgerProofs proofs, IClock clock,
        CancellationToken cancellation)
    {
        if (!Uscc.TryParse(uscc, out var code, out var reason))
        {
            throw DomainException.Invalid("uscc", reason);
        }

        var entityId = code.Value.Value;
        var draws = new List<EntityDrawProof>();
        foreach (var taskRounds in (await pools.RoundsHoldingAsync(entityId, cancellation)).GroupBy(held => held.TaskId))
        {
            var loaded = await TaskDraws.LoadAsync(session, taskRounds.Key);
            foreach (var (_, number) in taskRounds)
            {
                draws.Add(await ProveAsync(session, trees, proofs, loaded, number, entityId, clock.GetCurrentInstant(), cancellation));
            }
        }

        return new EntityDrawProofs(entityId, draws);
    }

    private static async Task<EntityDrawProof> ProveAsync(
        IQuerySession session, RoundProofTrees trees, LedgerProofs proofs, LoadedDraw loaded, int number, string entityId, Instant now,
        CancellationToken cancellation)
    {
        var state = loaded.State!;
        var round = state.RoundNumber(number);
        (DrawSeed, DrawRules)? drawn = null;
        if (round.Execution is { RankRoots: not null })
        {
            var commitment = round.RebuildCommitment(round.Commitment!);
            drawn = (DrawSeed.Derive(commitment, round.RandomnessRecord(commitment, round.Randomness!)), commitment.Rules);
        }

        var proved = await trees.GetAsync(session, round.Pool, drawn, cancellation);
        var (leafIndex, stratum) = proved.Find(entityId);
        var ranked = proved.Ranked(leafIndex);

        var events = loaded.Events.Where(e => ((IDrawEvent)e.Data).Round == number).ToList();
        var secrets = events.Where(e => e.Data is PartySecretRevealed)
            .OrderBy(e => ((PartySecretRevealed)e.Data).Index)
            .Select(e => e.Sequence)
            .ToList();
        var wanted = events.Where(e => e.Data is PoolFrozen or DrawCommitted or RandomnessRecorded or DrawExecuted)
            .Select(e => e.Sequence)
            .Concat(secrets)
            .ToList();
        var receipts = (await proofs.ReceiptsAsync(wanted, cancellation)).Zip(wanted).ToDictionary(pair => pair.Second, pair => pair.First);
        Receipt? ReceiptOf<TEvent>() => events.SingleOrDefault(e => e.Data is TEvent) is { } stored ? receipts[stored.Sequence] : null;
        return new EntityDrawProof(
            loaded.State!.TaskId,
            number,
            RoundStates.Of(state, round, now),
            stratum,
            entityId,
            new EntityDrawReceipts(
                ReceiptOf<PoolFrozen>(),
                ReceiptOf<DrawCommitted>(),
                [.. secrets.Select(sequence => receipts[sequence])],
                ReceiptOf<RandomnessRecorded>(),
                ReceiptOf<DrawExecuted>()),
            leafIndex,
            proved.PoolProof(leafIndex),
            ranked?.Ticket,
            ranked?.Rank,
            ranked?.RankProof);
    }
}
