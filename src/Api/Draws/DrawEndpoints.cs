using System.Security.Claims;
using FairDraw.Api.Access;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Draws;
using Marten;
using Wolverine.Http;

namespace FairDraw.Api.Draws;

/// <summary>One endpoint per DRAW-v1 step; the steps themselves are <see cref="DrawSteps"/>.</summary>
public static class DrawEndpoints
{
    /// <summary>The HTTP header in which the approver countersigns an adjustment or a set-aside with their own bearer token.</summary>
    public const string ApprovalHeader = "X-Approval-Token";

    /// <summary>Step 1: freezes the pools of a new round from the directories (a reason is required for a redraw).</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/pool", Name = "FreezeDrawPool")]
    public static Task<PoolFrozen> Freeze(string taskId, FreezePool command, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps, CancellationToken cancellation) =>
        steps.FreezeAsync(session, taskId, command, user.ToActor(), cancellation);

    /// <summary>Step 2: commits the round to its pools, rules and named future sources, signed by the ledger key.</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/commitment", Name = "CommitDraw")]
    public static Task<DrawCommitted> Commit(string taskId, CommitDraw command, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps) =>
        steps.CommitAsync(session, taskId, command, user.ToActor());

    /// <summary>Marks the commitment published outside the bureau; refused until a signed checkpoint holds it, and once the first source resolves.</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/commitment/publication", Name = "PublishDrawCommitment")]
    public static Task<CommitmentPublished> Publish(string taskId, PublishCommitment command, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps, CancellationToken cancellation) =>
        steps.PublishAsync(session, taskId, command, user.ToActor(), cancellation);

    /// <summary>Step 3: reveals a party secret, checked against its committed hash.</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/party-secrets", Name = "RevealPartySecret")]
    public static Task<PartySecretRevealed> Reveal(string taskId, RevealPartySecret command, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps) =>
        steps.RevealAsync(session, taskId, command, user.ToActor());

    /// <summary>Step 4: records the resolved values of every committed source; a drand value must verify against its chain's key.</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/randomness", Name = "RecordDrawRandomness")]
    public static Task<RandomnessRecorded> Randomness(
        string taskId, RecordRandomness command, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps, CancellationToken cancellation) =>
        steps.RecordRandomnessAsync(session, taskId, command, user.ToActor(), cancellation);

    /// <summary>Step 4a: the credit office or the auditor, never the recorder, confirms the lottery values by entering them again.</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/randomness/confirmation", Name = "ConfirmDrawLotteryValues")]
    public static Task<LotteryValuesConfirmed> Confirm(
        string taskId, ConfirmLotteryValues command, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps) =>
        steps.ConfirmAsync(session, taskId, command, user.ToActor());

    /// <summary>Sets the current round aside so that a new one may be frozen; countersigned in <c>X-Approval-Token</c>.</summary>
    [Countersigned]
    [WolverinePost("/api/tasks/{taskId}/draw/set-aside", Name = "SetAsideDrawRound")]
    public static async Task<RoundSetAside> SetAside(
        string taskId, SetAsideRound command, ClaimsPrincipal user, HttpRequest request, TokenService tokens, IDocumentSession session, DrawSteps steps) =>
        await steps.SetAsideAsync(session, taskId, command, user.ToActor(), await ApproverAsync(request, tokens));

    /// <summary>After a round lapsed, by the auditor or the credit office: the values its sources resolved to (as step 4 takes them).</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/rounds/{round}/lapsed-values", Name = "RecordLapsedRoundValues")]
    public static Task<LapsedRoundResolved> LapsedValues(
        string taskId, int round, RecordRandomness command, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps,
        CancellationToken cancellation) =>
        steps.RecordLapsedValuesAsync(session, taskId, round, command, user.ToActor(), cancellation);

    /// <summary>Step 5: selects n_h = ⌈ratio × N_h⌉ per stratum by ticket; once per commitment.</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/execution", Name = "ExecuteDraw")]
    public static Task<DrawExecuted> Execute(string taskId, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps, CancellationToken cancellation) =>
        steps.ExecuteAsync(session, taskId, user.ToActor(), cancellation);

    /// <summary>Step 6: matches inspectors to the selected entities by the deterministic walk, recording every skip.</summary>
    [WolverinePost("/api/tasks/{taskId}/draw/assignments", Name = "AssignDrawInspectors")]
    public static Task<InspectorsAssigned> Assign(string taskId, ClaimsPrincipal user, IDocumentSession session, DrawSteps steps) =>
        steps.AssignAsync(session, taskId, user.ToActor());

    /// <summary>Step 7: substitutes a sampled entity; the approver countersigns with their own token in <c>X-Approval-Token</c>.</summary>
    [Countersigned]
    [WolverinePost("/api/tasks/{taskId}/draw/substitutions", Name = "SubstituteDrawnEntity")]
    public static async Task<EntitySubstituted> Substitute(
        string taskId, SubstituteEntity command, ClaimsPrincipal user, HttpRequest request, TokenService tokens, IDocumentSession session, DrawSteps steps, CancellationToken cancellation) =>
        await steps.SubstituteAsync(session, taskId, command, user.ToActor(), await ApproverAsync(request, tokens), cancellation);

    /// <summary>Step 7: reassigns an inspector; the approver countersigns with their own token in <c>X-Approval-Token</c>.</summary>
    [Countersigned]
    [WolverinePost("/api/tasks/{taskId}/draw/reassignments", Name = "ReassignDrawInspector")]
    public static async Task<InspectorReassigned> Reassign(
        string taskId, ReassignInspector command, ClaimsPrincipal user, HttpRequest request, TokenService tokens, IDocumentSession session, DrawSteps steps) =>
        await steps.ReassignAsync(session, taskId, command, user.ToActor(), await ApproverAsync(request, tokens));

    /// <summary>The approver whose bearer token the request carries as its countersignature; null when it carries none.</summary>
    private static async Task<Actor?> ApproverAsync(HttpRequest request, TokenService tokens) =>
        request.Headers[ApprovalHeader].ToString() is { Length: > 0 } token ? await tokens.ActorOfAsync(token) : null;
}
