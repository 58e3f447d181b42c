using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Draws.Engine;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Ledger.Tests.Draws;

public sealed class SelectionProperties
{
    private static DrawRules Rules(string ratioA, string ratioB, int inspectorsPerEntity = 2, int capacityCap = 3) =>
        new([new StratumRule("A", Ratio(ratioA)), new StratumRule("B", Ratio(ratioB), "food")], inspectorsPerEntity, capacityCap);

    private static SamplingRatio Ratio(string text)
    {
        var parts = text.Split('/');
        return new SamplingRatio(long.Parse(parts[0]), long.Parse(parts[1]));
    }

    [Theory]
    // n_h = ceil(ratio × N_h), worked by hand: ceil(3×200/100) = 6, ceil(3×37/100) = ceil(1.11) = 2,
    // ceil(1×1/3) = 1, ceil(2×9/3) = 6 (exact), ceil(1×0/7) = 0, ceil(1×N/1) = N.
    [InlineData("3/100", 200, 6)]
    [InlineData("3/100", 37, 2)]
    [InlineData("1/3", 1, 1)]
    [InlineData("2/3", 9, 6)]
    [InlineData("1/7", 0, 0)]
    [InlineData("1/1", 12, 12)]
    // Large operands stay exact in checked long arithmetic: ceil(999999999 × 1000000000 / 1000000000) = 999999999.
    [InlineData("999999999/1000000000", 1000000000, 999999999)]
    public void Sample_size_is_the_integer_ceiling(string ratio, long stratumSize, long expected) =>
        Assert.Equal(expected, Ratio(ratio).SampleSize(stratumSize));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    [InlineData(-1, -2)]
    public void Ratios_outside_zero_to_one_are_refused(long numerator, long denominator) =>
        Assert.Throws<DomainException>(() => new SamplingRatio(numerator, denominator));

    [Fact]
    public void A_product_past_long_overflows_loudly() =>
        Assert.Throws<OverflowException>(() => new SamplingRatio(long.MaxValue - 1, long.MaxValue).SampleSize(3));

    [Theory]
    [InlineData(11, "3/100", "1/7")]
    [InlineData(12, "1/2", "2/3")]
    [InlineData(13, "1/1", "1/50")]
    public void Each_stratum_yields_ceil_ratio_times_its_size(int seed, string ratioA, string ratioB)
    {
        var run = DrawRun.Of(RandomPools.Inputs(seed, Rules(ratioA, ratioB), ("A", 137), ("B", 61)));
        Assert.Equal(Ratio(ratioA).SampleSize(137), run.SelectedIds("A").Count());
        Assert.Equal(Ratio(ratioB).SampleSize(61), run.SelectedIds("B").Count());
        Assert.All(run.Selection.Strata, stratum => Assert.Equal(
            stratum.Ranked.OrderBy(entity => entity.Ticket, Comparer<byte[]>.Create((l, r) => DrawEncoding.CompareBytes(l, r))).Select(entity => entity.Id),
            stratum.Ranked.Select(entity => entity.Id)));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void A_larger_ratio_under_the_same_commitment_contains_the_smaller_sample(int seed)
    {
        var run = DrawRun.Of(RandomPools.Inputs(seed, Rules("1/10", "1/10"), ("A", 100), ("B", 50)));
        var smaller = EntitySelection.Draw(run.Seed, run.EntityPool, Rules("1/10", "1/10"));
        var larger = EntitySelection.Draw(run.Seed, run.EntityPool, Rules("3/10", "1/2"));
        Assert.Equal(10 + 5, smaller.Selected.Count);
        Assert.Equal(30 + 25, larger.Selected.Count);
        Assert.Subset(larger.Selected.Select(entity => entity.Id).ToHashSet(), smaller.Selected.Select(entity => entity.Id).ToHashSet());
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void The_result_does_not_depend_on_the_order_the_pools_are_supplied(int seed)
    {
        var inputs = RandomPools.Inputs(seed, Rules("1/5", "1/3"), ("A", 60), ("B", 30));
        var shuffled = new Random(seed);
        var reordered = inputs with
        {
            Entities = [.. inputs.Entities.OrderBy(_ => shuffled.Next())],
            Inspectors = [.. inputs.Inspectors.OrderBy(_ => shuffled.Next())],
            Conflicts = [.. inputs.Conflicts.OrderBy(_ => shuffled.Next())],
        };
        var (first, second) = (DrawRun.Of(inputs), DrawRun.Of(reordered));
        Assert.Equal(first.Commitment.CanonicalBytes, second.Commitment.CanonicalBytes);
        Assert.Equal(first.Selection.Root, second.Selection.Root);
        Assert.Equal(Transcript(first), Transcript(second));
    }

    [Fact]
    public void A_pool_frozen_and_drawn_on_several_cores_gives_the_result_the_protocol_defines()
    {
        // Large enough for the parallel paths (leaves, sort, Merkle root, tickets), checked against the definitions.
        var inputs = RandomPools.Inputs(61, Rules("3/100", "1/10"), ("A", 12_000), ("B", 5_000));
        var run = DrawRun.Of(inputs with { Inspectors = [], Conflicts = [] });
        var bytewise = Comparer<byte[]>.Create((left, right) => DrawEncoding.CompareBytes(left, right));
        var leaves = inputs.Entities.Select(entity => entity.Leaf()).Order(bytewise).ToList();
        Assert.Equal(leaves, run.EntityPool.Leaves);
        Assert.Equal(leaves, run.EntityPool.Members.Select(entity => entity.Leaf()));
        var accumulator = new MerkleAccumulator();
        leaves.ForEach(leaf => accumulator.Append(MerkleTree.LeafHash(leaf)));
        Assert.Equal(accumulator.Root(), run.EntityPool.Root);
        foreach (var stratum in run.Selection.Strata)
        {
            var expected = inputs.Entities.Where(entity => entity.Stratum == stratum.Stratum)
                .Select(entity => (entity.Id, Ticket: run.Seed.Ticket("entity", stratum.Stratum, entity.Id)))
                .OrderBy(entry => entry.Ticket, bytewise)
                .ToList();
            Assert.Equal(expected.Select(entry => entry.Id), stratum.Ranked.Select(entity => entity.Id));
            Assert.Equal(expected.Select(entry => entry.Ticket), stratum.Ranked.Select(entity => entity.Ticket));
            Assert.Equal(Enumerable.Range(0, expected.Count), stratum.Ranked.Select(entity => entity.Rank));
        }
    }

    public static TheoryData<string> Changes => new(
        "entity id", "entity stratum", "extra entity", "inspector unit", "inspector capacity", "inspector expertise", "inspector status",
        "conflict", "ratio", "expertise rule", "inspectors per entity", "capacity cap", "source label", "source reference", "source encoding",
        "source value", "lottery value", "task id", "fallback", "party secret");

    [Theory]
    [MemberData(nameof(Changes))]
    public void Changing_any_input_changes_every_ticket(string change)
    {
        var inputs = RandomPools.Inputs(41, Rules("1/5", "1/3"), ("A", 60), ("B", 30));
        var changed = Change(inputs, change);
        var (before, after) = (DrawRun.Of(inputs), DrawRun.Of(changed));
        Assert.NotEqual(before.Seed.Prk, after.Seed.Prk);
        foreach (var entity in inputs.Entities.Take(20))
        {
            Assert.NotEqual(before.Seed.Ticket("entity", entity.Stratum, entity.Id), after.Seed.Ticket("entity", entity.Stratum, entity.Id));
            Assert.NotEqual(before.Seed.Ticket("inspector", entity.Id, "GY-0001"), after.Seed.Ticket("inspector", entity.Id, "GY-0001"));
        }
    }

    private static DrawInputs Change(DrawInputs inputs, string change)
    {
        var first = inputs.Inspectors[0];
        return change switch
        {
            "entity id" => inputs with { Entities = [new EntityMember("A", "91520102MA6DXXXXXX"), .. inputs.Entities.Skip(1)] },
            "entity stratum" => inputs with { Entities = [new EntityMember("B", inputs.Entities[0].Id), .. inputs.Entities.Skip(1)] },
            "extra entity" => inputs with { Entities = [.. inputs.Entities, new EntityMember("B", "91520102MA6DYYYYYY")] },
            "inspector unit" => inputs with { Inspectors = [new InspectorMember(first.Id, "观山湖区局", first.Expertise, first.Capacity, first.Active), .. inputs.Inspectors.Skip(1)] },
            "inspector capacity" => inputs with { Inspectors = [new InspectorMember(first.Id, first.Unit, first.Expertise, first.Capacity + 1, first.Active), .. inputs.Inspectors.Skip(1)] },
            "inspector expertise" => inputs with { Inspectors = [new InspectorMember(first.Id, first.Unit, [.. first.Expertise, "metrology"], first.Capacity, first.Active), .. inputs.Inspectors.Skip(1)] },
            "inspector status" => inputs with { Inspectors = [new InspectorMember(first.Id, first.Unit, first.Expertise, first.Capacity, !first.Active), .. inputs.Inspectors.Skip(1)] },
            "conflict" => inputs with { Conflicts = [.. inputs.Conflicts.Skip(1)] },
            "ratio" => inputs with { Rules = Rules("1/5", "34/100") },
            "expertise rule" => inputs with { Rules = new([new StratumRule("A", Ratio("1/5")), new StratumRule("B", Ratio("1/3"), "metrology")], 2, 3) },
            "inspectors per entity" => inputs with { Rules = Rules("1/5", "1/3", inspectorsPerEntity: 3) },
            "capacity cap" => inputs with { Rules = Rules("1/5", "1/3", capacityCap: 4) },
            "source label" => inputs with
            {
                Sources = [inputs.Sources[0], new RandomnessSource("fucai-3d-b", inputs.Sources[1].Kind, inputs.Sources[1].Reference, inputs.Sources[1].Encoding)],
                Values = [inputs.Values[0], inputs.Values[1] with { Label = "fucai-3d-b" }],
            },
            "source reference" => inputs with { Sources = [inputs.Sources[0], new RandomnessSource(inputs.Sources[1].Label, inputs.Sources[1].Kind, "福彩3D 2026-11-29 第2026319期", inputs.Sources[1].Encoding)] },
            "source encoding" => inputs with { Sources = [new RandomnessSource(inputs.Sources[0].Label, inputs.Sources[0].Kind, inputs.Sources[0].Reference, "signature as hex"), inputs.Sources[1]] },
            "source value" => inputs.WithDrandSignature(RandomPools.SignatureFor(42)),
            "lottery value" => inputs with { Values = [inputs.Values[0], SourceValue.Lottery("fucai-3d", [7, 2, 8])] },
            "task id" => inputs with { TaskId = inputs.TaskId + "b" },
            "fallback" => inputs with { Fallback = inputs.Fallback + "." },
            "party secret" => inputs with { PartySecrets = [[1, 2, 3]] },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
    }

    internal static string Transcript(DrawRun run) => string.Join("\n", run.Transcript.Entities.Select(entity =>
        $"{entity.EntityId}: " + string.Join(" ", entity.Candidates.Select(candidate => $"{candidate.InspectorId}={candidate.Decision}"))));
}
