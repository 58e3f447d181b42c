using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Integrity;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace FairDraw.Api.Draws;

/// <summary>
/// Everything needed to check one draw round offline, in one JSON file (format "fair-draw-evidence/1", described in
/// docs/draw-protocol.md §12): the inputs in the shape of the test vectors, the commitment with its signature, the
/// recorded outputs, every draw event of the round with its ledger receipt, the trusted ledger key and the spec; for a
/// round followed by a newer one, <see cref="Successor"/>: that round's freeze with its receipt, which ends this round's
/// clock (a verifier judges its lapse as of then).
/// </summary>
public sealed record EvidenceBundle(
    string Format,
    string Suite,
    string TaskId,
    int Round,
    string LedgerKey,
    BundleInputs Inputs,
    BundleCommitment Commitment,
    BundleRandomness Randomness,
    BundleOutputs Outputs,
    IReadOnlyList<BundleEvent> Events,
    DrawReport Verification,
    string Spec,
    BundleEvent? Successor = null)
{
    public const string FormatName = "fair-draw-evidence/1";

    /// <summary>camelCase, NodaTime ISO instants, non-ASCII written as is: the bundle's one serialisation.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        return options;
    }
}

/// <summary>The draw's inputs, named as in docs/draw-vectors.json so one verifier reads both.</summary>
public sealed record BundleInputs(
    string TaskId,
    long AsOfSequence,
    IReadOnlyList<ExcludedSample> Excluded,
    IReadOnlyList<BundleEntity> Entities,
    IReadOnlyList<BundleInspector> Inspectors,
    IReadOnlyList<FrozenConflict> Conflicts,
    BundleRules Rules,
    IReadOnlyList<CommittedSource> Sources,
    string Fallback,
    IReadOnlyList<string> PartySecrets);

public sealed record BundleEntity(string Stratum, string Id);

public sealed record BundleInspector(string Id, string Unit, bool Active, IReadOnlyList<string> Expertise, int Capacity);

public sealed record BundleStratumRule(string Stratum, string Ratio, string? Expertise);

public sealed record BundleRules(IReadOnlyList<BundleStratumRule> Strata, int InspectorsPerEntity, int CapacityCap);

public sealed record BundleCommitment(string Canonical, string CommitHash, string Signature, string SigningKey, Instant PublishBy);

public sealed record BundleRandomness(IReadOnlyList<SourceValue> Values, string Ikm, string Prk);

public sealed record BundleCandidate(string InspectorId, string Ticket, string Decision);

public sealed record BundleAssignment(string Stratum, string EntityId, IReadOnlyList<BundleCandidate> Candidates);

/// <summary>
/// The recorded outputs: pool roots, per-stratum sizes, the selection with tickets, its root, the transcript, the
/// adjustments, and the strata's rank roots (left out for a round executed before they were recorded).
/// </summary>
public sealed record BundleOutputs(
    string EntityRoot,
    string InspectorRoot,
    string ConflictRoot,
    IReadOnlyList<StratumOutcome> Strata,
    IReadOnlyList<SelectedEntity> Selected,
    string SelectionRoot,
    IReadOnlyList<BundleAssignment> Assignments,
    IReadOnlyList<InfeasibleAssignment> Infeasible,
    IReadOnlyList<BundleAdjustment> Adjustments,
    IReadOnlyList<RankRoot>? RankRoots = null);

/// <summary>A substitution or a reassignment after the assignment, in ledger order (exactly one of the two is set).</summary>
public sealed record BundleAdjustment(string Kind, EntitySubstituted? Substitution, InspectorReassigned? Reassignment);

/// <summary>One draw event as stored, and its receipt: the canonical record, inclusion proof and signed checkpoint.</summary>
public sealed record BundleEvent(string Type, long Sequence, long Version, Instant At, Receipt? Receipt);
