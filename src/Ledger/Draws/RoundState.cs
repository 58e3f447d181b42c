using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// Where a round of a task's draw stands (docs/draw-protocol.md §13, "Round states"): how far it went while it is the
/// newest, or why it ended when it did not run to its assignment. Derived from the round's events, the round after it
/// and the clock, never recorded. The names are the reports' bytes.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoundState>))]
public enum RoundState
{
    [JsonStringEnumMemberName("frozen")]
    Frozen,

    [JsonStringEnumMemberName("committed")]
    Committed,

    [JsonStringEnumMemberName("published")]
    Published,

    /// <summary>Its randomness is recorded, not yet executed.</summary>
    [JsonStringEnumMemberName("resolved")]
    Resolved,

    [JsonStringEnumMemberName("executed")]
    Executed,

    [JsonStringEnumMemberName("assigned")]
    Assigned,

    /// <summary>Set aside by a countersigned <see cref="RoundSetAside"/>, however far it went.</summary>
    [JsonStringEnumMemberName("set-aside")]
    SetAside,

    /// <summary>Not executed, and the committed fallback ended it (<see cref="RoundStates.LapsedAt"/>).</summary>
    [JsonStringEnumMemberName("lapsed")]
    Lapsed,

    /// <summary>Replaced by a newer round before any of its sources resolved, with neither a set-aside nor a lapse.</summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,
}

/// <summary>
/// A round's verdict: <see cref="Fail"/> when a check failed; else <see cref="Attention"/> for a round set aside,
/// lapsed or superseded (its checks ran as far as it went); else <see cref="Pass"/> when every check ran and passed;
/// else <see cref="Pending"/> (still in progress, or not yet in the signed log). A task takes the first of fail,
/// attention, pending, pass that any of its rounds has.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoundOutcome>))]
public enum RoundOutcome
{
    [JsonStringEnumMemberName("pass")]
    Pass,

    [JsonStringEnumMemberName("fail")]
    Fail,

    [JsonStringEnumMemberName("attention")]
    Attention,

    [JsonStringEnumMemberName("pending")]
    Pending,
}

/// <summary>The one derivation of <see cref="RoundState"/>.</summary>
public static class RoundStates
{
    /// <summary>
    /// The state of <paramref name="round"/> of <paramref name="draw"/> at <paramref name="now"/>. A round followed by a
    /// newer one is judged as of that round's freeze, so its state no longer moves with the clock.
    /// </summary>
    public static RoundState Of(TaskDraw draw, DrawRound round, Instant now)
    {
        if (round.SetAside is not null)
        {
            return RoundState.SetAside;
        }

        var next = round.Number < draw.Rounds.Count ? draw.Rounds[round.Number] : null;
        var asOf = next?.Pool.FrozenAt ?? now;
        return LapsedAt(round) is { } lapse && asOf >= lapse ? RoundState.Lapsed
            : next is not null ? RoundState.Superseded
            : round.Assignment is not null ? RoundState.Assigned
            : round.Execution is not null ? RoundState.Executed
            : round.Randomness is not null ? RoundState.Resolved
            : round.Publication is not null ? RoundState.Published
            : round.Commitment is not null ? RoundState.Committed
            : RoundState.Frozen;
    }

    /// <summary>
    /// When an unexecuted committed round lapses by its fallback (§13 steps 1 and 5): at <c>PublishBy</c> if it was not
    /// published or a party secret is still unrevealed then (it can never take its randomness), else at
    /// <see cref="DrawDecisions.LapsesAt"/>. Null for an executed or uncommitted round.
    /// </summary>
    public static Instant? LapsedAt(DrawRound round) =>
        round.Execution is not null || round.Commitment is not { } committed ? null
        : round.Publication is null || round.Secrets.Count(secret => secret.RevealedAt < committed.PublishBy) < committed.PartyCommitments.Count
            ? committed.PublishBy
            : DrawDecisions.LapsesAt(committed);

    /// <summary>The state's name as the reports write it.</summary>
    public static string Name(RoundState state) => JsonSerializer.Serialize(state).Trim('"');

    /// <summary>Whether the round ended without running to its assignment, which asks for an auditor's attention.</summary>
    public static bool NeedsAttention(RoundState state) => state is RoundState.SetAside or RoundState.Lapsed or RoundState.Superseded;
}
