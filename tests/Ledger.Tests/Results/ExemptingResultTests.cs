using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Ledger.Tests.Support;
using NodaTime;
using static FairDraw.Ledger.Tests.Results.RecordingResultTests;

namespace FairDraw.Ledger.Tests.Results;

/// <summary>Exemption from publication (不予公示): filed by the division, acknowledged or declined by the credit office.</summary>
public sealed class ExemptingResultTests
{
    private static readonly Instant Now = Instant.FromUtc(2021, 6, 1, 2, 0);
    private const string Item = "01-01";

    [Theory]
    [InlineData("TradeSecret", ExemptionGround.TradeSecret)]
    [InlineData("涉及个人隐私", ExemptionGround.PersonalPrivacy)]
    public void Given_an_approved_result_When_the_division_files_an_exemption_by_name_or_label_Then_the_ground_and_reason_are_recorded(
        string ground, ExemptionGround expected)
    {
        var (draw, entity, state) = Approved();

        var events = ResultExemptions.File(draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, new FileExemption(ground, " 含配方 "), DrawWorkflow.Division, Now);

        EventAssert.Equal(
            [new PublicationExemptionFiled(draw.Task.TaskId, entity, Item, expected, "含配方", DrawWorkflow.Division.Id, Now)], events);
        Assert.Equal(ResultStatus.ExemptionFiled, InspectionResult.Evolve(state, events.Single())!.Status);
    }

    [Fact]
    public void Given_a_filed_exemption_When_the_credit_office_acknowledges_it_Then_the_result_is_exempt_and_closed_to_every_step()
    {
        var (draw, entity, state) = Filed();

        var acknowledged = ResultExemptions.Acknowledge(draw.Task, state, entity, Item, DrawWorkflow.CreditOffice, Now);
        state = InspectionResult.Evolve(state, acknowledged.Single())!;

        EventAssert.Equal([new PublicationExemptionAcknowledged(draw.Task.TaskId, entity, Item, DrawWorkflow.CreditOffice.Id, Now)], acknowledged);
        Assert.Equal(ResultStatus.Exempted, state.Status);
        var steps = new Func<object>[]
        {
            () => ResultPublications.Publish(draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, DrawWorkflow.Division, Now),
            () => ResultExemptions.File(draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, new FileExemption("StateSecret", "再次"), DrawWorkflow.Division, Now),
            () => ResultExemptions.Acknowledge(draw.Task, state, entity, Item, DrawWorkflow.CreditOffice, Now),
            () => ResultExemptions.Decline(draw.Task, state, entity, Item, new DeclineExemption("迟到"), DrawWorkflow.CreditOffice, Now),
            () => ResultApprovals.Approve(draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, new Actor("another-official", Role.BusinessDivision, DrawWorkflow.Guiyang, DrawWorkflow.LeadDepartment), Now),
        };
        foreach (var step in steps)
        {
            EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", step);
        }
    }

    [Fact]
    public void Given_a_filed_exemption_When_it_is_published_Then_it_is_a_conflict_and_once_declined_it_can_be_published_or_filed_again()
    {
        var (draw, entity, state) = Filed();
        EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", () => ResultPublications.Publish(draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, DrawWorkflow.Division, Now));

        var declined = ResultExemptions.Decline(draw.Task, state, entity, Item, new DeclineExemption("不属于商业秘密"), DrawWorkflow.CreditOffice, Now);
        state = InspectionResult.Evolve(state, declined.Single())!;

        Assert.Equal((ResultStatus.Approved, "不属于商业秘密"), (state.Status, state.ExemptionsDeclined!.Single().Reason));
        Assert.IsType<InspectionResultPublished>(ResultPublications.Publish(draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, DrawWorkflow.Division, Now).Single());
        Assert.IsType<PublicationExemptionFiled>(ResultExemptions.File(
            draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, new FileExemption("OtherLawfulReason", "补充理由"), DrawWorkflow.Division, Now).Single());
    }

    [Fact]
    public void Given_results_short_of_approval_or_already_published_When_an_exemption_is_filed_Then_it_is_a_conflict()
    {
        var (draw, entity, inspectors) = Drawn();
        var recorded = InspectionResult.Evolve(null, Record(draw, entity, inspectors, "2021-05-31", Now).Single())!;
        var (_, _, approved) = Approved();
        var published = InspectionResult.Evolve(
            approved, ResultPublications.Publish(draw.Task, DrawWorkflow.LeadDepartment, approved, entity, Item, DrawWorkflow.Division, Now).Single())!;

        foreach (var state in new[] { recorded, published })
        {
            EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", () => ResultExemptions.File(
                draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, new FileExemption("TradeSecret", "含配方"), DrawWorkflow.Division, Now));
        }

        EventAssert.Fails(DomainErrorKind.NotFound, "itemCode", () => ResultExemptions.File(
            draw.Task, DrawWorkflow.LeadDepartment, null, entity, Item, new FileExemption("TradeSecret", "含配方"), DrawWorkflow.Division, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", () => ResultExemptions.Acknowledge(
            draw.Task, approved, entity, Item, DrawWorkflow.CreditOffice, Now));
    }

    [Theory]
    [InlineData(null, "理由", "ground")]
    [InlineData("Convenience", "理由", "ground")]
    [InlineData("TradeSecret", " ", "reason")]
    public void Given_an_approved_result_When_the_filing_lacks_a_known_ground_or_a_reason_Then_the_field_is_named(
        string? ground, string reason, string field)
    {
        var (draw, entity, state) = Approved();

        EventAssert.Fails(DomainErrorKind.Invalid, field, () => ResultExemptions.File(
            draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, new FileExemption(ground, reason), DrawWorkflow.Division, Now));
    }

    [Fact]
    public void Given_a_filed_exemption_When_the_division_or_another_citys_credit_office_acknowledges_it_or_the_credit_office_files_one_Then_each_is_forbidden()
    {
        var (draw, entity, state) = Filed();
        var (_, _, approved) = Approved();
        var elsewhere = new Actor("zunyi-credit-office", Role.CreditOffice, DivisionCode.Parse("520300"));

        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ResultExemptions.Acknowledge(draw.Task, state, entity, Item, DrawWorkflow.Division, Now));
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ResultExemptions.Decline(
            draw.Task, state, entity, Item, new DeclineExemption("否"), elsewhere, Now));
        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ResultExemptions.File(
            draw.Task, DrawWorkflow.LeadDepartment, approved, entity, Item, new FileExemption("TradeSecret", "含配方"), DrawWorkflow.CreditOffice, Now));
    }

    private static (DrawWorkflow Draw, string Entity, InspectionResult State) Approved()
    {
        var (draw, entity, inspectors) = Drawn();
        var state = InspectionResult.Evolve(null, Record(draw, entity, inspectors, "2021-05-31", Now).Single());
        return (draw, entity, InspectionResult.Evolve(state, ResultApprovals.Approve(draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, DrawWorkflow.Division, Now).Single())!);
    }

    private static (DrawWorkflow Draw, string Entity, InspectionResult State) Filed()
    {
        var (draw, entity, state) = Approved();
        var filed = ResultExemptions.File(draw.Task, DrawWorkflow.LeadDepartment, state, entity, Item, new FileExemption("TradeSecret", "含配方"), DrawWorkflow.Division, Now);
        return (draw, entity, InspectionResult.Evolve(state, filed.Single())!);
    }
}
