using System.Security.Cryptography;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>Everything a draw is computed from, in the form an operator enters it.</summary>
internal sealed record DrawInputs(
    string TaskId,
    IReadOnlyList<EntityMember> Entities,
    IReadOnlyList<InspectorMember> Inspectors,
    IReadOnlyList<ConflictPair> Conflicts,
    DrawRules Rules,
    IReadOnlyList<RandomnessSource> Sources,
    string Fallback,
    IReadOnlyList<SourceValue> Values,
    IReadOnlyList<byte[]> PartySecrets)
{
    public const string StandardFallback =
        "If a source has not resolved 72 hours after its announced time, this commitment lapses unexecuted and a new commitment names new future sources.";

    public static IReadOnlyList<RandomnessSource> StandardSources =>
    [
        new("drand-quicknet-round", RandomnessSource.Drand, "drand quicknet 52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971 round 24000000", RandomnessSource.DrandEncoding),
        new("fucai-3d", RandomnessSource.Lottery, "福彩3D 2026-11-28 第2026318期", RandomnessSource.LotteryEncoding),
    ];

    public static IReadOnlyList<SourceValue> StandardValues(string drandSignatureHex) =>
        [SourceValue.Drand("drand-quicknet-round", drandSignatureHex), SourceValue.Lottery("fucai-3d", [7, 2, 7])];

    public DrawInputs WithDrandSignature(string signatureHex) => this with { Values = StandardValues(signatureHex) };
}

/// <summary>A draw computed step by step from its inputs, keeping every intermediate value.</summary>
internal sealed record DrawRun(
    DrawInputs Inputs,
    EntityPool EntityPool,
    InspectorPool InspectorPool,
    ConflictPool ConflictPool,
    DrawCommitment Commitment,
    RandomnessRecord Randomness,
    DrawSeed Seed,
    EntitySelection Selection,
    AssignmentTranscript Transcript)
{
    public static DrawRun Of(DrawInputs inputs)
    {
        var entities = EntityPool.Freeze(inputs.Entities);
        var inspectors = InspectorPool.Freeze(inputs.Inspectors);
        var conflicts = ConflictPool.Freeze(inputs.Conflicts);
        var commitment = DrawCommitment.Create(
            inputs.TaskId, entities, inspectors, conflicts, inputs.Rules, inputs.Sources, inputs.Fallback,
            [.. inputs.PartySecrets.Select(secret => SHA256.HashData(secret))]);
        var randomness = RandomnessRecord.Create(commitment, inputs.Values, inputs.PartySecrets);
        var seed = DrawSeed.Derive(commitment, randomness);
        var selection = EntitySelection.Draw(seed, entities, inputs.Rules);
        var transcript = InspectorMatching.Match(seed, selection.Selected, inspectors, conflicts, inputs.Rules);
        return new DrawRun(inputs, entities, inspectors, conflicts, commitment, randomness, seed, selection, transcript);
    }

    public IEnumerable<string> SelectedIds(string stratum) =>
        Selection.Selected.Where(entity => entity.Stratum == stratum).Select(entity => entity.Id);
}

/// <summary>Pools built from System.Random with a constant seed, so every property test sees the same data.</summary>
internal static class RandomPools
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>USCC-shaped ids (the draw core does not check USCC check characters; the pool builder does).</summary>
    public static List<EntityMember> Entities(int seed, params (string Stratum, int Count)[] strata)
    {
        var random = new Random(seed);
        return [.. strata.SelectMany(stratum => Enumerable.Range(0, stratum.Count).Select(_ =>
            new EntityMember(stratum.Stratum, "91520102" + new string(random.GetItems(UsccAlphabet.AsSpan(), 10)))))];
    }

    public static List<InspectorMember> Inspectors(int seed, int count)
    {
        var random = new Random(seed);
        string[] units = ["南明区局", "云岩区局", "花溪区局", "乌当区局"];
        string[] tags = ["food", "special-equipment", "pricing", "advertising"];
        return [.. Enumerable.Range(0, count).Select(i => new InspectorMember(
            $"GY-{i:D4}",
            units[random.Next(units.Length)],
            tags.Where(_ => random.Next(2) == 0),
            random.Next(0, 6),
            active: random.Next(8) != 0))];
    }

    public static List<ConflictPair> Conflicts(int seed, IReadOnlyList<InspectorMember> inspectors, IReadOnlyList<EntityMember> entities, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count)
            .Select(_ => new ConflictPair(inspectors[random.Next(inspectors.Count)].Id, entities[random.Next(entities.Count)].Id))
            .DistinctBy(pair => (pair.InspectorId, pair.EntityId))];
    }

    public static DrawInputs Inputs(int seed, DrawRules rules, params (string Stratum, int Count)[] strata)
    {
        var entities = Entities(seed, strata);
        var inspectors = Inspectors(seed + 1, 40);
        return new DrawInputs(
            $"TASK-{seed}", entities, inspectors, Conflicts(seed + 2, inspectors, entities, 30), rules,
            DrawInputs.StandardSources, DrawInputs.StandardFallback, DrawInputs.StandardValues(SignatureFor(seed)), []);
    }

    /// <summary>A 48-byte stand-in for a drand signature, different for every <paramref name="seed"/>.</summary>
    public static string SignatureFor(int seed)
    {
        var bytes = new byte[48];
        new Random(seed).NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
