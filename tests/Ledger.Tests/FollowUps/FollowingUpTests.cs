using FairDraw.Ledger.Access;
using FairDraw.Ledger.FollowUps;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Ledger.Tests.Support;
using NodaTime;
using static FairDraw.Ledger.Tests.FollowUps.FollowUpStates;

namespace FairDraw.Ledger.Tests.FollowUps;

/// <summary>Follow-up decisions (后续处置, §二.八): which kinds an outcome calls for, hand-over before closure, dates, one per kind.</summary>
public sealed class FollowingUpTests
{
    private static readonly OpenFollowUp Transfer = new("移送其他部门", "贵阳市生态环境局", "排污许可问题 / discharge permit", "2021-06-01");

    [Fact]
    public void Given_an_approved_result_breaching_another_departments_rules_When_a_transfer_is_opened_Then_it_names_the_authority()
    {
        var (draw, entity, result) = Result(ResultOutcome.FollowUpPending, FollowUpReason.OtherDepartmentBreach);

        var events = FollowUpDecisions.Open(draw.Task, DrawWorkflow.LeadDepartment, result, null, Transfer, DrawWorkflow.Division, Now);

        EventAssert.Equal(
            [new FollowUpOpened(
                $"{draw.Task.TaskId}:{entity}:01-01:TransferToAuthority", draw.Task.TaskId, entity, "01-01", FollowUpKind.TransferToAuthority,
                "贵阳市生态环境局", "排污许可问题 / discharge permit", new LocalDate(2021, 6, 1), "business-division", Now)],
            events);
    }

    /// <summary>The rule of <see cref="FollowUpKinds.For"/>, one row per reason it gives.</summary>
    [Theory]
    [InlineData(ResultOutcome.CorrectedOnOrder, null, FollowUpKind.CorrectedOnSpot, true)]
    [InlineData(ResultOutcome.CorrectedOnOrder, null, FollowUpKind.CaseReferral, false)]
    [InlineData(ResultOutcome.FollowUpPending, FollowUpReason.UnreachableAtAddress, FollowUpKind.AbnormalOperationsList, true)]
    [InlineData(ResultOutcome.FollowUpPending, FollowUpReason.UnreachableAtAddress, FollowUpKind.CaseReferral, false)]
    [InlineData(ResultOutcome.FollowUpPending, FollowUpReason.FalseDisclosure, FollowUpKind.JudicialReferral, true)]
    [InlineData(ResultOutcome.FollowUpPending, FollowUpReason.OtherMarketRegulationBreach, FollowUpKind.CaseReferral, true)]
    [InlineData(ResultOutcome.FollowUpPending, FollowUpReason.OtherMarketRegulationBreach, FollowUpKind.CorrectedOnSpot, false)]
    [InlineData(ResultOutcome.SeriousNonCooperation, null, FollowUpKind.AbnormalOperationsList, true)]
    [InlineData(ResultOutcome.SeriousNonCooperation, null, FollowUpKind.CorrectedOnSpot, false)]
    [InlineData(ResultOutcome.NoProblemFound, null, FollowUpKind.CorrectedOnSpot, false)]
    [InlineData(ResultOutcome.Deregistered, null, FollowUpKind.AbnormalOperationsList, false)]
    public void Given_an_approved_result_When_a_follow_up_is_opened_Then_only_a_kind_its_outcome_calls_for_is_accepted(
        ResultOutcome outcome, FollowUpReason? subReason, FollowUpKind kind, bool accepted)
    {
        var (draw, _, result) = Result(outcome, subReason);
        var command = new OpenFollowUp(kind.ToString(), null, "处置说明", "2021-06-01");

        if (accepted)
        {
            Assert.Equal(kind, ((FollowUpOpened)FollowUpDecisions.Open(draw.Task, DrawWorkflow.LeadDepartment, result, null, command, DrawWorkflow.Division, Now).Single()).Kind);
        }
        else
        {
            EventAssert.Fails(DomainErrorKind.Conflict, "kind", () => FollowUpDecisions.Open(draw.Task, DrawWorkflow.LeadDepartment, result, null, command, DrawWorkflow.Division, Now));
        }
    }

    [Fact]
    public void Given_an_unapproved_result_or_none_When_a_follow_up_is_opened_Then_it_is_409_or_404()
    {
        var (draw, _, recorded) = Result(ResultOutcome.CorrectedOnOrder, approved: false);
        var command = new OpenFollowUp("当场责令改正", null, "已改正", "2021-06-01");

        EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", () => FollowUpDecisions.Open(draw.Task, DrawWorkflow.LeadDepartment, recorded, null, command, DrawWorkflow.Division, Now));
        EventAssert.Fails(DomainErrorKind.NotFound, "itemCode", () => FollowUpDecisions.Open(draw.Task, DrawWorkflow.LeadDepartment, null, null, command, DrawWorkflow.Division, Now));
    }

    [Fact]
    public void Given_an_approved_result_When_an_official_outside_the_task_or_its_department_or_an_inspector_opens_a_follow_up_Then_it_is_forbidden()
    {
        var (draw, _, result) = Result(ResultOutcome.CorrectedOnOrder);
        var command = new OpenFollowUp("当场责令改正", null, "已改正", "2021-06-01");

        (Actor Actor, string Field)[] outsiders =
        [
            (new("other", Role.DistrictBureau, DivisionCode.Parse("520102"), DrawWorkflow.LeadDepartment), ""),
            (new("i", Role.Inspector, DrawWorkflow.Guiyang), ""),
            (DrawWorkflow.Division with { Department = "食品生产安全监督管理处" }, "department"),
        ];
        foreach (var (actor, field) in outsiders)
        {
            EventAssert.Fails(
                DomainErrorKind.Forbidden, field, () => FollowUpDecisions.Open(draw.Task, DrawWorkflow.LeadDepartment, result, null, command, actor, Now));
        }
    }

    [Theory]
    [InlineData("移送其他部门", null, "authority")] // a transfer names the authority
    [InlineData("移送司法机关", "贵阳市公安局", "authority")] // only a transfer does
    [InlineData("移送其他部门", "贵阳市生态环境局", "openedOn", "2021-05-30")] // before the inspection
    [InlineData("移送其他部门", "贵阳市生态环境局", "openedOn", "2021-06-11")] // after today in Beijing
    [InlineData("未知处置", null, "kind")]
    public void Given_an_approved_result_When_a_follow_up_is_opened_with_bad_input_Then_the_field_is_named(
        string kind, string? authority, string field, string openedOn = "2021-06-01")
    {
        var (draw, _, result) = Result(ResultOutcome.FollowUpPending, FollowUpReason.OtherDepartmentBreach);

        EventAssert.Fails(DomainErrorKind.Invalid, field, () => FollowUpDecisions.Open(
            draw.Task, DrawWorkflow.LeadDepartment, result, null, new OpenFollowUp(kind, authority, "说明", openedOn), DrawWorkflow.Division, Now));
    }

    [Fact]
    public void Given_an_open_transfer_When_it_is_closed_before_a_hand_over_opened_again_or_closed_twice_Then_each_is_refused()
    {
        var (draw, _, result) = Result(ResultOutcome.FollowUpPending, FollowUpReason.OtherDepartmentBreach);
        var open = Fold(null, FollowUpDecisions.Open(draw.Task, DrawWorkflow.LeadDepartment, result, null, Transfer, DrawWorkflow.Division, Now));
        var close = new CloseFollowUp("已立案查处 / case opened", "2021-06-09");

        EventAssert.Fails(DomainErrorKind.Conflict, "kind", () => FollowUpDecisions.Close(draw.Task, DrawWorkflow.LeadDepartment, result, open, close, DrawWorkflow.Division, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "kind", () => FollowUpDecisions.Open(draw.Task, DrawWorkflow.LeadDepartment, result, open, Transfer, DrawWorkflow.Division, Now));
        var handed = Fold(open, FollowUpDecisions.HandOver(
            draw.Task, DrawWorkflow.LeadDepartment, result, open, new HandOverFollowUp("贵阳市生态环境局", "筑环移〔2021〕3号", "2021-06-05"), DrawWorkflow.Division, Now));
        EventAssert.Fails(DomainErrorKind.Invalid, "closedOn", () => FollowUpDecisions.Close(
            draw.Task, DrawWorkflow.LeadDepartment, result, handed, close with { ClosedOn = "2021-06-04" }, DrawWorkflow.Division, Now));
        var closed = Fold(handed, FollowUpDecisions.Close(draw.Task, DrawWorkflow.LeadDepartment, result, handed, close, DrawWorkflow.Division, Now));

        Assert.Equal((false, 8), (closed!.IsOpen, closed.AgeInDays(new LocalDate(2021, 12, 31)))); // 1 to 9 June: closed, it ages no more
        Assert.Equal(("贵阳市生态环境局", "筑环移〔2021〕3号"), (closed.HandOvers.Single().ReceivingParty, closed.HandOvers.Single().Reference));
        EventAssert.Fails(DomainErrorKind.Conflict, "kind", () => FollowUpDecisions.Close(draw.Task, DrawWorkflow.LeadDepartment, result, closed, close, DrawWorkflow.Division, Now));
        EventAssert.Fails(DomainErrorKind.Conflict, "kind", () => FollowUpDecisions.HandOver(
            draw.Task, DrawWorkflow.LeadDepartment, result, closed, new HandOverFollowUp("法院", null, "2021-06-09"), DrawWorkflow.Division, Now));
    }

    [Fact]
    public void Given_a_correction_on_the_spot_When_it_is_handed_over_or_closed_Then_it_needs_no_hand_over_and_closes_directly()
    {
        var (draw, _, result) = Result(ResultOutcome.CorrectedOnOrder);
        var open = Fold(null, FollowUpDecisions.Open(
            draw.Task, DrawWorkflow.LeadDepartment, result, null, new OpenFollowUp("CorrectedOnSpot", null, "责令当场改正", "2021-05-31"), DrawWorkflow.Division, Now));

        EventAssert.Fails(DomainErrorKind.Conflict, "kind", () => FollowUpDecisions.HandOver(
            draw.Task, DrawWorkflow.LeadDepartment, result, open, new HandOverFollowUp("某所", null, "2021-06-01"), DrawWorkflow.Division, Now));
        var closed = (FollowUpClosed)FollowUpDecisions.Close(
            draw.Task, DrawWorkflow.LeadDepartment, result, open, new CloseFollowUp("已改正 / corrected", "2021-06-10"), DrawWorkflow.Division, Now).Single();

        Assert.Equal(new FollowUpClosed(open!.Opened.FollowUpId, "已改正 / corrected", new LocalDate(2021, 6, 10), "business-division", Now), closed);
    }
}
