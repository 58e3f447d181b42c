using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Tests.Support;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>
/// A drand value's form for its chain (docs/draw-protocol.md §6): a 96-byte signature with the previous round's on the
/// chained default chain, a 48-byte signature and no previous one on quicknet; the previous signature is recorded as
/// evidence, outside the IKM. (The BLS signature itself is the Api's check, DrandCheck.)
/// </summary>
public sealed class DrandValueFormTests
{
    private static readonly string Quicknet = SourceRegistry.Chain("quicknet")!.Hash;

    private static CommittedSource QuicknetSource => new(
        "drand", RandomnessSource.Drand, $"drand quicknet {Quicknet} round 657413", RandomnessSource.DrandEncoding, NodaTime.Instant.MinValue);

    [Fact]
    public void The_chains_come_from_the_shared_table_with_their_schemes_signature_lengths()
    {
        Assert.Equal([("quicknet", 48, false), ("default", 96, true)], SourceRegistry.DrandChains.Select(c => (c.Name, c.SignatureBytes, c.IsChained)));
        Assert.Equal(NodaTime.Instant.FromUnixTimeSeconds(1595431050), SourceRegistry.Chain("default")!.RoundTime(1));
    }

    [Theory]
    [InlineData(96, "values[1].signature")]   // a quicknet-length signature on the default chain
    [InlineData(194, "values[1].signature")]
    public void A_signature_of_another_length_than_its_chains_is_refused(int digits, string field)
    {
        var draw = new DrawWorkflow().Published();
        draw.Now = DrawWorkflow.SourcesResolved;
        var values = new RecordRandomness([DrawWorkflow.Lottery, DrawWorkflow.Drand with { Signature = new string('a', digits) }]);
        EventAssert.Fails(DomainErrorKind.Invalid, field, () => DrawDecisions.RecordRandomness(draw.Task, draw.State, values, DrawWorkflow.Division, draw.Now));
    }

    /// <summary>Missing (length −1), empty, 48 bytes, or 96 characters that are not hex.</summary>
    [Theory]
    [InlineData(-1, 'a')]
    [InlineData(0, 'a')]
    [InlineData(96, 'a')]
    [InlineData(192, 'z')]
    public void A_default_chain_value_without_a_well_formed_previous_signature_is_refused(int length, char digit)
    {
        var previous = length < 0 ? null : new string(digit, length);
        var draw = new DrawWorkflow().Published();
        draw.Now = DrawWorkflow.SourcesResolved;
        var values = new RecordRandomness([DrawWorkflow.Lottery, DrawWorkflow.Drand with { PreviousSignature = previous }]);
        EventAssert.Fails(DomainErrorKind.Invalid, "values[1].previousSignature", () => DrawDecisions.RecordRandomness(draw.Task, draw.State, values, DrawWorkflow.Division, draw.Now));
    }

    [Fact]
    public void The_previous_signature_is_recorded_as_evidence_in_lowercase_and_stays_out_of_the_IKM()
    {
        var draw = new DrawWorkflow().Published();
        draw.Now = DrawWorkflow.SourcesResolved;
        var values = new RecordRandomness([DrawWorkflow.Lottery, DrawWorkflow.Drand with { PreviousSignature = new string('B', 192) }]);
        var recorded = (RandomnessRecorded)DrawDecisions.RecordRandomness(draw.Task, draw.State, values, DrawWorkflow.Division, draw.Now).Single();

        Assert.Equal(new SourceEvidence("drand", new string('b', 192), null), Assert.Single(recorded.Evidence!, e => e.Label == "drand"));
        Assert.Equal(new string('a', 192), recorded.Values.Single(v => v.Label == "drand").Value);
        var committed = draw.State!.Current.Commitment!;
        var claim = Assert.Single(DrandValues.Claims(committed, recorded, values));
        Assert.Equal(("values[1]", "default", DrawWorkflow.DrandRound, new string('b', 192)), (claim.Field, claim.Chain.Name, claim.Round, claim.PreviousSignature));
    }

    [Fact]
    public void A_quicknet_value_takes_48_bytes_and_no_previous_signature()
    {
        var value = SourceValue.Drand("drand", new string('c', 96));
        Assert.Null(DrandValues.RequireForm(QuicknetSource, value, null, "values[0]"));
        Assert.Null(DrandValues.RequireForm(QuicknetSource, value, " ", "values[0]"));
        EventAssert.Fails(DomainErrorKind.Invalid, "values[0].previousSignature", () => DrandValues.RequireForm(QuicknetSource, value, new string('b', 192), "values[0]")!);
        EventAssert.Fails(DomainErrorKind.Invalid, "values[0].signature", () => DrandValues.RequireForm(QuicknetSource, SourceValue.Drand("drand", new string('c', 192)), null, "values[0]")!);
    }
}
