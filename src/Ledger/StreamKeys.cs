namespace FairDraw.Ledger;

/// <summary>
/// The ledger's stream keys. Every stream is keyed by a readable string whose prefix names its kind,
/// so an auditor reading raw rows knows what each stream is.
/// </summary>
public static class StreamKeys
{
    public const string EntityPrefix = "entity:";
    public const string InspectorPrefix = "inspector:";
    public const string ItemListPrefix = "item-list:";
    public const string PlanPrefix = "plan:";
    public const string TaskPrefix = "task:";
    public const string PoolCopyPrefix = "pool-copy:";
    public const string ResultPrefix = "result:";
    public const string FollowUpPrefix = "follow-up:";
    public const string StatusOfferPrefix = "status-offer:";

    public static string Entity(string uscc) => EntityPrefix + uscc;

    public static string Inspector(string inspectorId) => InspectorPrefix + inspectorId;

    public static string ItemList(string jurisdiction, string version) => $"{ItemListPrefix}{jurisdiction}:{version}";

    /// <summary>An annual plan: "plan:{year}-{jurisdiction}-{department}".</summary>
    public static string Plan(string planId) => PlanPrefix + planId;

    /// <summary>The draws of one sampling task: "task:{planId}-{task code}".</summary>
    public static string Task(string taskId) => TaskPrefix + taskId;

    /// <summary>The records of the pool copies kept for one sampling task's rounds: "pool-copy:{planId}-{task code}".</summary>
    public static string PoolCopy(string taskId) => PoolCopyPrefix + taskId;

    /// <summary>One inspection result: "result:{taskId}:{entityId}:{itemCode}".</summary>
    public static string Result(string taskId, string entityId, string itemCode) => $"{ResultsOf(taskId)}{entityId}:{itemCode}";

    /// <summary>The prefix every result stream of one task shares.</summary>
    public static string ResultsOf(string taskId) => $"{ResultPrefix}{taskId}:";

    /// <summary>One follow-up of a result: "follow-up:{taskId}:{entityId}:{itemCode}:{kind}" (at most one per kind).</summary>
    public static string FollowUp(string followUpId) => FollowUpPrefix + followUpId;

    /// <summary>The registrar's answer to the status a result offers: "status-offer:{taskId}:{entityId}:{itemCode}".</summary>
    public static string StatusOffer(string offerId) => StatusOfferPrefix + offerId;
}
