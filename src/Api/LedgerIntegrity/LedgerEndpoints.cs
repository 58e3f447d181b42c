using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Api.Hosting;
using FairDraw.Api.OpenApi;
using FairDraw.Api.Reads;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Directories;
using FairDraw.Projections.Integrity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Npgsql;
using Wolverine.Http;

namespace FairDraw.Api.LedgerIntegrity;

/// <summary>
/// The newest signed checkpoint and the key that verifies it; and its witnessing: the configured witnesses' keys and
/// quorum, whether the newest signed checkpoint meets that policy (null without witnesses), and the cosigned note of
/// the newest checkpoint that does (null when none does, or without witnesses).
/// </summary>
public sealed record SignedCheckpoint(
    string Origin, string VerifierKey, string? SignedNote, IReadOnlyList<string> WitnessKeys, int? WitnessQuorum, bool? NewestWitnessed,
    string? WitnessedNote);

/// <summary>A log's verifier key and the checkpoints (signed notes) the caller trusts, for POST /api/ledger/verify.</summary>
public sealed record VerifyLedgerRequest(string? VerifierKey, IReadOnlyList<string?>? Checkpoints)
{
    public const int MaxCheckpoints = 1_000;
}

public static class LedgerEndpoints
{
    /// <summary>
    /// The newest signed checkpoint (C2SP signed note), the verifier key, the witness keys and quorum, and the newest
    /// witnessed checkpoint with its cosignatures. Public: anyone may keep and compare it.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/api/ledger/checkpoint", Name = "LatestCheckpoint")]
    public static async Task<SignedCheckpoint> Latest(
        LedgerProofs proofs, LedgerCosignatures cosignatures, WitnessSettings witnesses, CheckpointSigner signer, CancellationToken cancellation) =>
        await DescribeAsync((await proofs.LatestCheckpointAsync(cancellation))?.Note, proofs, cosignatures, witnesses, signer, cancellation);

    /// <summary>
    /// Integrates every committed event now, signs a checkpoint and submits it to the configured witnesses, answering
    /// once they have (auditor, on demand).
    /// </summary>
    [WolverinePost("/api/ledger/checkpoint", Name = "SignCheckpoint")]
    public static async Task<SignedCheckpoint> Sign(
        ClaimsPrincipal user, LedgerLog log, CheckpointWitnessing witnessing, LedgerProofs proofs, LedgerCosignatures cosignatures,
        WitnessSettings witnesses, CheckpointSigner signer, CancellationToken cancellation)
    {
        user.ToActor().RequireRole("签署检查点 / sign checkpoints", Role.Auditor);
        await log.IntegrateAsync(cancellation);
        var note = await log.CheckpointAsync(cancellation);
        if (note is not null)
        {
            await witnessing.SubmitAsync(note, cancellation);
        }

        return await DescribeAsync(note, proofs, cosignatures, witnesses, signer, cancellation);
    }

    private static async Task<SignedCheckpoint> DescribeAsync(
        string? note, LedgerProofs proofs, LedgerCosignatures cosignatures, WitnessSettings witnesses, CheckpointSigner signer,
        CancellationToken cancellation)
    {
        if (witnesses.Policy is not { } policy)
        {
            return new SignedCheckpoint(signer.KeyName, signer.PublicKeyText(), note, [], null, null, null);
        }

        var witnessed = await cosignatures.NewestWitnessedAsync(policy, cancellation);
        var newest = await proofs.LatestCheckpointAsync(cancellation);
        return new SignedCheckpoint(
            signer.KeyName, signer.PublicKeyText(), note, [.. policy.Witnesses.Select(w => w.VerifierKeyText())], policy.Quorum,
            newest is { } signed && witnessed?.Size == signed.Size, witnessed?.Note);
    }

    /// <summary>Verifies the whole ledger (auditor): every chain, leaf, checkpoint signature and signed root; lists every finding.</summary>
    [WolverineGet("/api/ledger/verify", Name = "VerifyLedger")]
    public static Task<LedgerReport> Verify(ClaimsPrincipal user, LedgerVerifier verifier, CancellationToken cancellation)
    {
        user.ToActor().RequireRole("核验账本 / verify the ledger", Role.Auditor, Role.Investigator, Role.CreditOffice);
        return verifier.VerifyAsync(null, cancellation);
    }

    /// <summary>
    /// Verifies the whole ledger as <c>verify-ledger</c> does from public material (auditor): under the given verifier key
    /// and against the given trusted checkpoints (signed notes, cosignature lines allowed), each of which must verify under
    /// that key.
    /// </summary>
    [WolverinePost("/api/ledger/verify", Name = "VerifyLedgerAgainst")]
    public static async Task<LedgerReport> VerifyAgainst(
        VerifyLedgerRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, LedgerSettings settings, CancellationToken cancellation)
    {
        user.ToActor().RequireRole("核验账本 / verify the ledger", Role.Auditor, Role.Investigator, Role.CreditOffice);
        var key = request.VerifierKey is { Length: > 0 } given ? given
            : throw DomainException.Invalid("verifierKey", "需要日志的验证公钥 / the log's verifier key is required");
        var notes = request.Checkpoints ?? [];
        if (notes.Count > VerifyLedgerRequest.MaxCheckpoints)
        {
            throw DomainException.Invalid("checkpoints", $"最多{VerifyLedgerRequest.MaxCheckpoints}个检查点 / at most {VerifyLedgerRequest.MaxCheckpoints} checkpoints");
        }

        var trusted = new List<Checkpoint>();
        try
        {
            CheckpointVerifier.KeyName(key);
        }
        catch (CheckpointException error)
        {
            throw DomainException.Invalid("verifierKey", $"验证公钥无效 / not a verifier key: {error.Message}");
        }

        foreach (var (note, index) in notes.Select((note, index) => (note, index)))
        {
            try
            {
                trusted.Add(CheckpointVerifier.Verify(note ?? "", key));
            }
            catch (CheckpointException error)
            {
                throw DomainException.Invalid($"checkpoints[{index}]", $"检查点未通过该公钥验证 / the checkpoint does not verify under the key: {error.Message}");
            }
        }

        return await new LedgerVerifier(dataSource, settings.Schema, key).VerifyAsync(trusted, null, cancellation);
    }

    /// <summary>
    /// Replays the entity and inspector directories from their events and compares every stored revision (auditor), as
    /// the verify-directories verb does; for 1,000,000 entities this takes about a minute.
    /// </summary>
    [WolverineGet("/api/ledger/directories/verify", Name = "VerifyDirectories")]
    public static async Task<IReadOnlyList<DirectoryReport>> VerifyDirectories(ClaimsPrincipal user, DirectoryReplay replay, CancellationToken cancellation)
    {
        user.ToActor().RequireRole("核验名录库 / verify the directories", Role.Auditor, Role.Investigator, Role.CreditOffice);
        return [await replay.EntitiesAsync(null, cancellation), await replay.InspectorsAsync(null, cancellation)];
    }

    /// <summary>
    /// A receipt for the event at a ledger position: its canonical bytes (the whole event, payload and actor),
    /// inclusion proof and the signed checkpoint; verify it offline (docs/ledger-integrity.md). Public only for the
    /// events of public streams (<see cref="PublicStreams"/>: task draws, published item lists and results); any other event
    /// answers 401 without a token, as the reads of its stream do, and an unpublished result's 403 to a token holder who
    /// may not read that result.
    /// </summary>
    [AllowAnonymous]
    [EnableRateLimiting(HeavyReadSettings.Policy)] // a proof reads the log's leaves
    [ProducesResponseType<Receipt>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [PositionInRoute]
    [WolverineGet("/api/ledger/receipts/{sequence}", Name = "LedgerReceipt")]
    public static async Task<IResult> Receipt(string sequence, ClaimsPrincipal user, LedgerProofs proofs, IQuerySession session, CancellationToken cancellation)
    {
        var position = LedgerPosition(sequence);
        var reader = user.Identity?.IsAuthenticated == true ? user.ToActor() : null;
        if (await proofs.StreamOfAsync(position, cancellation) is { } stream && !await PublicStreams.MayReadAsync(session, stream, reader))
        {
            return reader is null
                ? Results.Challenge()
                : throw DomainException.Forbidden($"{reader.Id}无权查看该检查结果 / {reader.Id} may not read this inspection result");
        }

        return Results.Ok(await proofs.ReceiptAsync(position, cancellation));
    }

    /// <summary>
    /// A ledger position from the route, read here rather than by a <c>long</c> parameter: Wolverine answers a bare 404
    /// for a route value it cannot parse, where "abc" or "-1" is a bad request naming the field.
    /// </summary>
    private static long LedgerPosition(string text) =>
        text.All(char.IsAsciiDigit) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var position) && position >= 1
            ? position
            : throw DomainException.Invalid("sequence", $"账本位置应为正整数，实际为“{text}” / a ledger position is a positive integer, got '{text}'");

    /// <summary>The consistency proof between two signed tree sizes (hex hashes, RFC 6962). Public: hashes only, no event content.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(HeavyReadSettings.Policy)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [WolverineGet("/api/ledger/proofs/consistency", Name = "ConsistencyProof")]
    public static Task<IReadOnlyList<string>> Consistency(long from, long to, LedgerProofs proofs, CancellationToken cancellation) =>
        proofs.ConsistencyAsync(from, to, cancellation);
}
