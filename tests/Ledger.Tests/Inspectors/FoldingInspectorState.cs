using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Inspectors;
using static FairDraw.Ledger.Tests.Inspectors.InspectorExamples;

namespace FairDraw.Ledger.Tests.Inspectors;

public sealed class FoldingInspectorState
{
    [Fact]
    public void Every_event_folds_onto_the_state()
    {
        var otherShop = Uscc.Complete("91520103MA6DKXAC").Value;
        var state = Given(
            StaffEnrolled(Earlier),
            new ConflictOfInterestDeclared(StaffId, NanmingShop, "亲属", StaffId, Earlier),
            new ConflictOfInterestDeclared(StaffId, otherShop, "曾任职", StaffId, Earlier),
            new ConflictOfInterestWithdrawn(StaffId, NanmingShop, "personnel-city", Now),
            new InspectorTransferred(StaffId, "云岩区市场监督管理局执法大队", DivisionCode.Parse("520103"), "personnel-city", Now),
            new QualificationsUpdated(StaffId, ["行政执法资格"], ["计量"], "personnel-city", Now),
            new CertificateRenewed(StaffId, Certificate2020 with { Number = "52010300001" }, "personnel-city", Now),
            new InspectorSuspended(StaffId, "调查", "personnel-city", Now),
            new InspectorReinstated(StaffId, "personnel-city", Now))!;

        Assert.Equal(
            (InspectorStatus.Active, "云岩区市场监督管理局执法大队", "520103", "52010300001"),
            (state.Status, state.Unit, state.Jurisdiction.Value, state.Certificate!.Number));
        Assert.Equal([otherShop], state.Conflicts);
        Assert.Equal(["计量"], state.Expertise);
        Assert.False(state.IsExternal);
    }

    [Fact]
    public void An_event_before_enrolment_is_a_bug() =>
        Assert.Throws<InvalidOperationException>(() => Inspector.Evolve(null, new InspectorRetired(StaffId, "x", Now)));
}
