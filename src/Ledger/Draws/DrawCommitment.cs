using System.Security.Cryptography;
using System.Text.Json;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Draws;

/// <summary>
/// The DRAW-v1 commitment: the canonical (RFC 8785) JSON document that fixes the pools, the rules and the future
/// randomness sources before any of them resolves. <see cref="CommitHash"/> = SHA-256(<see cref="CanonicalBytes"/>)
/// salts the seed, so any other pool, rule or source gives unrelated tickets. docs/draw-protocol.md lists every member.
/// </summary>
public sealed class DrawCommitment
{
    public const string Suite = "DRAW-v1-SHA256";

    private DrawCommitment(DrawRules rules, IReadOnlyList<RandomnessSource> sources, IReadOnlyList<byte[]> partyCommitments, byte[] canonicalBytes)
    {
        Rules = rules;
        Sources = sources;
        PartyCommitments = partyCommitments;
        CanonicalBytes = canonicalBytes;
        CommitHash = SHA256.HashData(canonicalBytes);
    }

    public DrawRules Rules { get; }

    /// <summary>The sources in committed order: the order their values enter the IKM.</summary>
    public IReadOnlyList<RandomnessSource> Sources { get; }

    /// <summary>SHA-256 of each party secret, in committed order.</summary>
    public IReadOnlyList<byte[]> PartyCommitments { get; }

    public byte[] CanonicalBytes { get; }

    public byte[] CommitHash { get; }

    public static DrawCommitment Create(
        string taskId,
        EntityPool entities,
        InspectorPool inspectors,
        ConflictPool conflicts,
        DrawRules rules,
        IReadOnlyList<RandomnessSource> sources,
        string fallback,
        IReadOnlyList<byte[]>? partyCommitments = null) =>
        Create(taskId, PoolSummary.Of(entities), PoolSummary.Of(inspectors), PoolSummary.Of(conflicts), rules, sources, fallback, partyCommitments);

    /// <summary>The commitment over pools known by their roots and counts (a frozen 1M pool is not rebuilt to commit it).</summary>
    public static DrawCommitment Create(
        string taskId,
        PoolSummary entities,
        PoolSummary inspectors,
        PoolSummary conflicts,
        DrawRules rules,
        IReadOnlyList<RandomnessSource> sources,
        string fallback,
        IReadOnlyList<byte[]>? partyCommitments = null)
    {
        var task = DrawMembers.Label(taskId, "taskId");
        var fallbackRule = DrawMembers.Label(fallback, "fallback");
        RequireRulesMatchStrata(entities, rules);
        if (sources.Count == 0)
        {
            throw DomainException.Invalid("sources", "at least one future randomness source must be named");
        }

        if (sources.Select(source => source.Label).Distinct(StringComparer.Ordinal).Count() != sources.Count)
        {
            throw DomainException.Invalid("sources", "source labels must be distinct");
        }

        var parties = partyCommitments ?? [];
        if (parties.Any(hash => hash.Length != SHA256.HashSizeInBytes))
        {
            throw DomainException.Invalid("partyCommitments", "each party commitment is a 32-byte SHA-256");
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("suite", Suite);
            json.WriteString("taskId", task);
            json.WriteStartObject("entityPool");
            WritePool(json, entities.Root, entities.Count);
            json.WriteStartArray("strata");
            foreach (var stratum in entities.Strata)
            {
                json.WriteStartObject();
                json.WriteString("stratum", stratum.Stratum);
                json.WriteNumber("count", stratum.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("inspectorPool");
            WritePool(json, inspectors.Root, inspectors.Count);
            json.WriteEndObject();
            json.WriteStartObject("conflictPool");
            WritePool(json, conflicts.Root, conflicts.Count);
            json.WriteEndObject();
            WriteRules(json, rules);
            json.WriteStartObject("randomness");
            json.WriteStartArray("sources");
            foreach (var source in sources)
            {
                json.WriteStartObject();
                json.WriteString("label", source.Label);
                json.WriteString("kind", source.Kind);
                json.WriteString("reference", source.Reference);
                json.WriteString("encoding", source.Encoding);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("fallback", fallbackRule);
            json.WriteEndObject();
            json.WriteStartArray("partyCommitments");
            foreach (var hash in parties)
            {
                json.WriteStringValue(Convert.ToHexStringLower(hash));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new DrawCommitment(rules, [.. sources], [.. parties.Select(hash => hash.ToArray())], Jcs.Canonicalize(buffer.ToArray()));
    }

    private static void WritePool(Utf8JsonWriter json, byte[] root, int count)
    {
        json.WriteString("root", Convert.ToHexStringLower(root));
        json.WriteNumber("count", count);
    }

    private static void WriteRules(Utf8JsonWriter json, DrawRules rules)
    {
        json.WriteStartObject("rules");
        json.WriteStartArray("strata");
        foreach (var rule in rules.Strata)
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
        json.WriteString("rounding", DrawRules.Rounding);
        json.WriteNumber("inspectorsPerEntity", rules.InspectorsPerEntity);
        json.WriteNumber("capacityCap", rules.CapacityCap);
        json.WriteString("recusal", DrawRules.Recusal);
        json.WriteString("unitRule", DrawRules.UnitRule);
        json.WriteString("replacement", DrawRules.Replacement);
        json.WriteEndObject();
    }

    private static void RequireRulesMatchStrata(PoolSummary entities, DrawRules rules)
    {
        var poolStrata = entities.Strata.Select(count => count.Stratum);
        var ruleStrata = rules.Strata.Select(rule => rule.Stratum);
        if (!poolStrata.SequenceEqual(ruleStrata, StringComparer.Ordinal))
        {
            throw DomainException.Invalid(
                "strata",
                $"the rules name strata [{string.Join(", ", ruleStrata)}] but the pool holds [{string.Join(", ", poolStrata)}]");
        }
    }
}
