using System.Text.Json;
using FairDraw.Ledger.Draws;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// Writes a vector's "adjustments": each act as asked, the payload fields the rules determine (walks with their tickets),
/// the event's canonical ledger data, and the assignment book after it (docs/draw-protocol.md §11).
/// </summary>
internal static class VectorAdjustmentWriter
{
    public static void Write(Utf8JsonWriter json, DrawRun run, IReadOnlyList<AdjustedAct> acts)
    {
        json.WriteStartArray("adjustments");
        foreach (var adjusted in acts)
        {
            json.WriteStartObject();
            json.WriteString("kind", adjusted.Act.Kind);
            WriteAct(json, adjusted.Act);
            adjusted.Event.Match(
                substituted => WriteSubstitution(json, run, substituted),
                reassigned => WriteReassignment(json, run, reassigned));
            json.WriteString("record", VectorRound.Record(adjusted.Event));
            WriteBook(json, run, adjusted);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAct(Utf8JsonWriter json, VectorAct act)
    {
        json.WriteStartObject("act");
        json.WriteString("entityId", act.EntityId);
        if (act.InspectorId is not null)
        {
            json.WriteString("inspectorId", act.InspectorId);
            json.WriteString("trigger", act.Trigger);
        }

        if (act.Named is not null)
        {
            json.WriteString("replacementInspectorId", act.Named);
        }

        WriteConflicts(json, "declared", act.Declared);
        json.WriteEndObject();
    }

    private static bool WriteSubstitution(Utf8JsonWriter json, DrawRun run, EntitySubstituted substituted)
    {
        json.WriteStartObject("substitution");
        json.WriteString("stratum", substituted.Stratum);
        json.WriteString("replacedId", substituted.ReplacedId);
        json.WriteString("replacementId", substituted.ReplacementId);
        json.WriteNumber("replacementRank", substituted.ReplacementRank);
        json.WriteString("replacementTicket", substituted.ReplacementTicket);
        json.WriteStartObject("assignment");
        json.WriteString("stratum", substituted.Assignment.Stratum);
        json.WriteString("entityId", substituted.Assignment.EntityId);
        WriteCandidates(json, run, substituted.ReplacementId, substituted.Assignment.Candidates);
        json.WriteEndObject();
        WriteConflicts(json, "conflicts", substituted.Conflicts!);
        json.WriteEndObject();
        return true;
    }

    private static bool WriteReassignment(Utf8JsonWriter json, DrawRun run, InspectorReassigned reassigned)
    {
        json.WriteStartObject("reassignment");
        json.WriteString("entityId", reassigned.EntityId);
        json.WriteString("removedInspectorId", reassigned.RemovedInspectorId);
        json.WriteString("trigger", reassigned.Trigger);
        json.WriteString("rule", reassigned.Rule);
        json.WriteString("replacementInspectorId", reassigned.ReplacementInspectorId);
        WriteCandidates(json, run, reassigned.EntityId, reassigned.Candidates);
        WriteConflicts(json, "conflicts", reassigned.Conflicts!);
        json.WriteEndObject();
        return true;
    }

    /// <summary>The consulted candidates with their ticket("inspector", entityId, inspectorId), as in the transcript.</summary>
    private static void WriteCandidates(Utf8JsonWriter json, DrawRun run, string entityId, IReadOnlyList<CandidateRecord> candidates)
    {
        json.WriteStartArray("candidates");
        foreach (var candidate in candidates)
        {
            json.WriteStartObject();
            json.WriteString("inspectorId", candidate.InspectorId);
            json.WriteString("ticket", DrawVectorWriter.Hex(run.Seed.Ticket("inspector", entityId, candidate.InspectorId)));
            json.WriteString("decision", candidate.Decision);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteConflicts(Utf8JsonWriter json, string name, IReadOnlyList<FrozenConflict> conflicts)
    {
        json.WriteStartArray(name);
        foreach (var conflict in conflicts)
        {
            json.WriteStartObject();
            json.WriteString("inspectorId", conflict.InspectorId);
            json.WriteString("entityId", conflict.EntityId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// The book after the act: the sampled entities in sample order (selection order, a replacement in its replaced
    /// entity's place) with their inspectors, consulted position and removed inspectors, and every inspector's held count.
    /// </summary>
    private static void WriteBook(Utf8JsonWriter json, DrawRun run, AdjustedAct adjusted)
    {
        var book = adjusted.Book;
        var ids = run.InspectorPool.Members.Select(member => member.Id).Order(StringComparer.Ordinal).ToList();
        json.WriteStartObject("book");
        json.WriteStartArray("entities");
        foreach (var entityId in adjusted.Round.Sample())
        {
            json.WriteStartObject();
            json.WriteString("entityId", entityId);
            json.WriteStartArray("inspectors");
            book.InspectorsOf(entityId).ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteNumber("consulted", book.ConsultedOf(entityId));
            json.WriteStartArray("removed");
            ids.Where(id => book.WasRemoved(entityId, id)).ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("held");
        foreach (var id in ids)
        {
            json.WriteStartObject();
            json.WriteString("inspectorId", id);
            json.WriteNumber("held", book.Held.GetValueOrDefault(id));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
