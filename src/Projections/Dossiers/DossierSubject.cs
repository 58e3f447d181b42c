namespace FairDraw.Projections.Dossiers;

/// <summary>
/// What a dossier lists: <see cref="Arms"/>, SQL conditions over the event table aliased <c>e</c> (<c>{s}</c> stands for
/// the schema, <c>@id</c> for <see cref="Id"/>), each one kind of event that concerns the subject; an event is listed
/// when any arm holds. <see cref="Known"/> is the condition, over the same table, that an event shows the subject exists.
/// </summary>
public sealed record DossierSubject(string Kind, string Id, IReadOnlyList<string> Arms, string Known)
{
    /// <summary>
    /// An entity: its directory stream; the rounds whose frozen pool held it (entity_pool_members), frozen and executed,
    /// drawn or not; the assignments, substitutions and reassignments naming it; its results, follow-ups and status
    /// offers; the conflicts of interest declared or withdrawn about it.
    /// </summary>
    public static DossierSubject Entity(string uscc) => new("entities", uscc,
    [
        "e.stream_id = 'entity:' || @id",
        """
        e.type in ('pool_frozen', 'draw_executed')
        and exists (select 1 from {s}.entity_pool_members m
                    where m.entity_id = @id and e.stream_id = 'task:' || m.task_id and (e.data ->> 'Round')::int = m.round)
        """,
        "e.type = 'inspectors_assigned' and e.data -> 'Assignments' @> jsonb_build_array(jsonb_build_object('EntityId', @id::text))",
        "e.type = 'entity_substituted' and (e.data ->> 'ReplacedId' = @id or e.data ->> 'ReplacementId' = @id)",
        "e.type = 'inspector_reassigned' and e.data ->> 'EntityId' = @id",
        """
        (e.stream_id like 'result:%:' || @id || ':%' or e.stream_id like 'follow-up:%:' || @id || ':%'
         or e.stream_id like 'status-offer:%:' || @id || ':%')
        """,
        "e.type in ('conflict_of_interest_declared', 'conflict_of_interest_withdrawn') and e.data ->> 'Uscc' = @id",
    ], "e.stream_id = 'entity:' || @id");

    /// <summary>
    /// An inspector: its directory stream (conflicts it declared included); the assignments whose candidates name it,
    /// with the decision; substitutions whose new walk names it; reassignments that removed or named it; the results it
    /// recorded or corrected, or was present at.
    /// </summary>
    public static DossierSubject Inspector(string inspectorId) => new("inspectors", inspectorId,
    [
        "e.stream_id = 'inspector:' || @id",
        """
        e.type = 'inspectors_assigned' and e.data -> 'Assignments'
            @> jsonb_build_array(jsonb_build_object('Candidates', jsonb_build_array(jsonb_build_object('InspectorId', @id::text))))
        """,
        """
        e.type = 'entity_substituted'
        and e.data -> 'Assignment' -> 'Candidates' @> jsonb_build_array(jsonb_build_object('InspectorId', @id::text))
        """,
        "e.type = 'inspector_reassigned' and (e.data ->> 'RemovedInspectorId' = @id or e.data ->> 'ReplacementInspectorId' = @id)",
        """
        e.type in ('inspection_result_recorded', 'inspection_result_corrected')
        and (e.headers ->> 'actor' = @id or e.data -> 'Content' -> 'Inspectors' @> jsonb_build_array(@id::text))
        """,
    ], "e.stream_id = 'inspector:' || @id");

    /// <summary>
    /// An official: every event they wrote (the chained <c>actor</c> header) or countersigned (<c>ApprovedBy</c>); the
    /// other "…By" members of approvals (AcknowledgedBy, ConfirmedBy…) name the event's own actor. Both are indexed.
    /// </summary>
    public static DossierSubject Official(string userId) => new("officials", userId,
    [
        "e.headers ->> 'actor' = @id",
        "e.data ->> 'ApprovedBy' = @id",
    ], "(e.headers ->> 'actor' = @id or e.data ->> 'ApprovedBy' = @id)");

    /// <summary>
    /// A sampling task ({planId}-{code}): its plan's events, every round's events and the records of its pool copies, and
    /// the results, follow-ups and status offers of its objects. It exists when a plan event lists its code.
    /// </summary>
    public static DossierSubject Task(string taskId)
    {
        var cut = taskId.LastIndexOf('-');
        return new("tasks", taskId,
        [
            "e.stream_id = 'plan:' || left(@id, " + cut + ")",
            "e.stream_id in ('task:' || @id, 'pool-copy:' || @id)",
            """
            (e.stream_id like 'result:' || @id || ':%' or e.stream_id like 'follow-up:' || @id || ':%'
             or e.stream_id like 'status-offer:' || @id || ':%')
            """,
        ],
        "e.stream_id = 'plan:' || left(@id, " + cut + ") and e.data -> 'Tasks' @> jsonb_build_array(jsonb_build_object('Code', right(@id, "
            + (taskId.Length - cut - 1) + ")))");
    }
}
