using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>Writes docs/draw-vectors.json from <see cref="DrawVectorInputs"/>: inputs and every intermediate value.</summary>
internal static class DrawVectorWriter
{
    public static string Write()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("description", "DRAW-v1 test vectors; docs/draw-protocol.md states every byte. Hex is lowercase. Regenerate with DRAW_VECTORS_WRITE=1 dotnet test tests/Ledger.Tests --filter DrawVectorTests.");
            json.WriteString("suite", DrawCommitment.Suite);
            json.WriteStartArray("vectors");
            foreach (var vector in DrawVectorInputs.All)
            {
                WriteVector(json, vector, DrawRun.Of(vector.Inputs));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteVector(Utf8JsonWriter json, DrawVector vector, DrawRun run)
    {
        json.WriteStartObject();
        json.WriteString("name", vector.Name);
        WriteInputs(json, run.Inputs, vector.RawValues);
        json.WriteStartObject("entityPool");
        WriteLeaves(json, run.EntityPool.Leaves, run.EntityPool.Root);
        json.WriteStartArray("strata");
        foreach (var stratum in run.EntityPool.Strata)
        {
            json.WriteStartObject();
            json.WriteString("stratum", stratum.Stratum);
            json.WriteNumber("count", stratum.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("inspectorPool");
        WriteLeaves(json, run.InspectorPool.Leaves, run.InspectorPool.Root);
        json.WriteEndObject();
        json.WriteStartObject("conflictPool");
        WriteLeaves(json, run.ConflictPool.Leaves, run.ConflictPool.Root);
        json.WriteEndObject();
        json.WriteStartObject("commitment");
        json.WriteString("canonical", Encoding.UTF8.GetString(run.Commitment.CanonicalBytes));
        json.WriteString("commitHash", Hex(run.Commitment.CommitHash));
        json.WriteEndObject();
        json.WriteStartObject("randomness");
        json.WriteStartArray("values");
        foreach (var value in run.Randomness.Values)
        {
            json.WriteStartObject();
            json.WriteString("label", value.Label);
            json.WriteString("value", value.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("ikm", Hex(run.Randomness.Ikm));
        json.WriteString("prk", Hex(run.Seed.Prk));
        json.WriteEndObject();
        WriteSelection(json, run.Selection);
        WriteTranscript(json, run.Transcript);
        WriteEntityProofs(json, run);
        if (vector.Adjusted)
        {
            VectorAdjustmentWriter.Write(json, run, VectorRound.Adjust(run));
        }

        json.WriteEndObject();
    }

    private static void WriteInputs(Utf8JsonWriter json, DrawInputs inputs, IReadOnlyList<RawSourceValue>? rawValues)
    {
        json.WriteStartObject("inputs");
        json.WriteString("taskId", inputs.TaskId);
        json.WriteStartArray("entities");
        foreach (var entity in inputs.Entities)
        {
            json.WriteStartObject();
            json.WriteString("stratum", entity.Stratum);
            json.WriteString("id", entity.Id);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("inspectors");
        foreach (var inspector in inputs.Inspectors)
        {
            json.WriteStartObject();
            json.WriteString("id", inspector.Id);
            json.WriteString("unit", inspector.Unit);
            json.WriteBoolean("active", inspector.Active);
            json.WriteStartArray("expertise");
            inspector.Expertise.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteNumber("capacity", inspector.Capacity);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("conflicts");
        foreach (var conflict in inputs.Conflicts)
        {
            json.WriteStartObject();
            json.WriteString("inspectorId", conflict.InspectorId);
            json.WriteString("entityId", conflict.EntityId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("rules");
        json.WriteStartArray("strata");
        foreach (var rule in inputs.Rules.Strata)
        {
            json.WriteStartObject();
            json.WriteString("stratum", rule.Stratum);
            json.WriteString("ratio", rule.Ratio.ToString());
            if (rule.Expertise is not null)
            {
                json.WriteString("expertise", rule.Expertise);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("inspectorsPerEntity", inputs.Rules.InspectorsPerEntity);
        json.WriteNumber("capacityCap", inputs.Rules.CapacityCap);
        json.WriteEndObject();
        json.WriteStartArray("sources");
        foreach (var source in inputs.Sources)
        {
            json.WriteStartObject();
            json.WriteString("label", source.Label);
            json.WriteString("kind", source.Kind);
            json.WriteString("reference", source.Reference);
            json.WriteString("encoding", source.Encoding);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("fallback", inputs.Fallback);
        json.WriteStartArray("partySecrets");
        inputs.PartySecrets.Select(Hex).ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        if (rawValues is not null)
        {
            json.WriteStartArray("rawValues");
            foreach (var raw in rawValues)
            {
                json.WriteStartObject();
                json.WriteString("label", raw.Label);
                if (raw.Signature is not null)
                {
                    json.WriteString("signature", raw.Signature);
                }
                else
                {
                    json.WriteStartArray("numbers");
                    raw.Numbers!.ToList().ForEach(json.WriteNumberValue);
                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteLeaves(Utf8JsonWriter json, IReadOnlyList<byte[]> leaves, byte[] root)
    {
        json.WriteStartArray("leaves");
        leaves.Select(Hex).ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteString("root", Hex(root));
    }

    private static void WriteSelection(Utf8JsonWriter json, EntitySelection selection)
    {
        json.WriteStartObject("selection");
        json.WriteStartArray("strata");
        foreach (var stratum in selection.Strata)
        {
            json.WriteStartObject();
            json.WriteString("stratum", stratum.Stratum);
            json.WriteNumber("sampleSize", stratum.SampleSize);
            json.WriteString("rankRoot", Hex(stratum.RankRoot()));
            json.WriteStartArray("ranked");
            foreach (var entity in stratum.Ranked)
            {
                json.WriteStartObject();
                json.WriteString("id", entity.Id);
                json.WriteString("ticket", Hex(entity.Ticket));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("selected");
        foreach (var entity in selection.Selected)
        {
            json.WriteStartObject();
            json.WriteString("stratum", entity.Stratum);
            json.WriteString("id", entity.Id);
            json.WriteString("leaf", Hex(EntitySelection.SelectionLeaf(entity)));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("root", Hex(selection.Root));
        json.WriteEndObject();
    }

    /// <summary>
    /// Per-entity proofs (docs/draw-protocol.md §8.1) on either side of the cut of the first stratum that has one: the
    /// last selected entity (rank n_h − 1) and the first unselected one (rank n_h).
    /// </summary>
    private static void WriteEntityProofs(Utf8JsonWriter json, DrawRun run)
    {
        var stratum = run.Selection.Strata.First(ranking => ranking.SampleSize < ranking.Ranked.Count);
        var poolLeaves = run.EntityPool.Leaves;
        var poolHashes = poolLeaves.Select(leaf => MerkleTree.LeafHash(leaf)).ToList();
        var rankedHashes = stratum.RankedLeaves().Select(leaf => MerkleTree.LeafHash(leaf)).ToList();
        json.WriteStartArray("entityProofs");
        foreach (var rank in new[] { (int)stratum.SampleSize - 1, (int)stratum.SampleSize })
        {
            var entity = stratum.Ranked[rank];
            var leaf = new EntityMember(entity.Stratum, entity.Id).Leaf();
            var leafIndex = poolLeaves.ToList().FindIndex(pooled => pooled.AsSpan().SequenceEqual(leaf));
            json.WriteStartObject();
            json.WriteString("stratum", entity.Stratum);
            json.WriteString("entityId", entity.Id);
            json.WriteBoolean("selected", rank < stratum.SampleSize);
            json.WriteNumber("leafIndex", leafIndex);
            json.WriteString("entityLeaf", Hex(leaf));
            WriteProof(json, "entityProof", MerkleTree.InclusionProof(poolHashes, leafIndex, poolHashes.Count));
            json.WriteNumber("rank", rank);
            json.WriteString("ticket", Hex(entity.Ticket));
            json.WriteString("rankedLeaf", Hex(StratumRanking.RankedLeaf(entity)));
            WriteProof(json, "rankProof", MerkleTree.InclusionProof(rankedHashes, rank, rankedHashes.Count));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteProof(Utf8JsonWriter json, string name, IReadOnlyList<byte[]> proof)
    {
        json.WriteStartArray(name);
        proof.Select(Hex).ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
    }

    private static void WriteTranscript(Utf8JsonWriter json, AssignmentTranscript transcript)
    {
        json.WriteStartArray("assignments");
        foreach (var entity in transcript.Entities)
        {
            json.WriteStartObject();
            json.WriteString("stratum", entity.Stratum);
            json.WriteString("entityId", entity.EntityId);
            json.WriteStartArray("candidates");
            foreach (var candidate in entity.Candidates)
            {
                json.WriteStartObject();
                json.WriteString("inspectorId", candidate.InspectorId);
                json.WriteString("ticket", Hex(candidate.Ticket));
                json.WriteString("decision", candidate.Decision);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("infeasible");
        foreach (var infeasible in transcript.Infeasible)
        {
            json.WriteStartObject();
            json.WriteString("stratum", infeasible.Stratum);
            json.WriteString("entityId", infeasible.EntityId);
            json.WriteNumber("found", infeasible.Found);
            json.WriteNumber("required", infeasible.Required);
            json.WriteString("relaxation", DrawDecisions.InfeasibleRelaxation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    internal static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
