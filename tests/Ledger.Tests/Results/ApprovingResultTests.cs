using FairDraw.Ledger.Access;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Ledger.Tests.Support;
using NodaTime;
using static FairDraw.Ledger.Tests.Results.RecordingResultTests;

namespace FairDraw.Ledger.Tests.Results;

/// <summary>Approval decisions on the workflow's 2021 draw, and the status <see cref="InspectionResult.Status"/> derives.</summary>
public sealed class ApprovingResultTests
{
    private const string Lead = DrawWorkflow.LeadDepartment;

    private static readonly Instant Now = Instant.FromUtc(2021, 6, 1, 2, 0);

    [Fact]
    public void Given_a_result_When_it_is_corrected_returned_corrected_and_approved_Then_the_status_follows_each_step()
    {
        var (draw, entity, inspectors) = Drawn();
        var state = InspectionResult.Evolve(null, Record(draw, entity, inspectors, "2021-05-31", Now).Single());
        var corrector = new Actor(inspectors[1], Role.Inspector, DrawWorkflow.Guiyang);
        var correction = new CorrectResult(Input(inspectors, "2021-05-30"), "笔误");
        InspectionResult? Correct(InspectionResult? result) => InspectionResult.Evolve(
            result, ResultDecisions.Correct(draw.Task, draw.State, AnnualReports, result, entity, "01-01", correction, corrector, Now).Single());
        var statuses = new List<ResultStatus> { state!.Status };

        state = Correct(state);
        statuses.Add(state!.Status);
        var returned = ResultApprovals.Return(
            draw.Task, Lead, state, entity, "01-01", new ReturnResult("缺签字"), DrawWorkflow.Division, Now);
        state = InspectionResult.Evolve(state, returned.Single());
        statuses.Add(state!.Status);
        state = Correct(state);
        statuses.Add(state!.Status);
        var approved = (InspectionResultApproved)ResultApprovals.Approve(
            draw.Task, Lead, state, entity, "01-01", DrawWorkflow.Division, Now).Single();
        state = InspectionResult.Evolve(state, approved);

        Assert.Equal(
            [ResultStatus.Recorded, ResultStatus.Corrected, ResultStatus.Returned, ResultStatus.Corrected, ResultStatus.Approved],
            [.. statuses, state!.Status]);
        Assert.Equal((2, 1), (approved.Corrections, state.Returns.Single().Corrections));
        EventAssert.Fails(DomainErrorKind.Conflict, "itemCode", () => Correct(state)!);
    }

    [Fact]
    public void Given_a_result_When_its_recorder_a_present_inspector_or_the_credit_office_approves_Then_each_is_refused()
    {
        var (draw, entity, inspectors) = Drawn();
        var state = InspectionResult.Evolve(null, Record(draw, entity, inspectors, "2021-05-31", Now).Single());

        foreach (var id in inspectors)
        {
            EventAssert.Fails(DomainErrorKind.Forbidden, ResultApprovals.ApproverField, () => ResultApprovals.Approve(
                draw.Task, Lead, state, entity, "01-01", new Actor(id, Role.BusinessDivision, DrawWorkflow.Guiyang, Lead),
                Now));
        }

        EventAssert.Fails(DomainErrorKind.Forbidden, "", () => ResultApprovals.Approve(
            draw.Task, Lead, state, entity, "01-01", new Actor("credit-office", Role.CreditOffice, DrawWorkflow.Guiyang), Now));
    }
}
