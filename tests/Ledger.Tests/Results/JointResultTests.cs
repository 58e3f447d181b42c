using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;
using FairDraw.Ledger.Results;
using FairDraw.Ledger.Tests.Draws;
using FairDraw.Ledger.Tests.Support;

namespace FairDraw.Ledger.Tests.Results;

/// <summary>
/// 部门联合抽查 (§二.九): the workflow's task (lead 信用监管处) with a partner, 食品生产监督管理处; an official acts on a
/// result only when the token names the result's department (谁检查、谁录入、谁公开).
/// </summary>
public sealed class JointResultTests
{
    private const string Lead = DrawWorkflow.LeadDepartment;
    private const string Partner = "食品生产监督管理处";

    private static readonly PlannedTask Joint = JointTask();

    /// <summary>An item is the partner's when the partner is its responsible department, else the lead's (main's rule).</summary>
    [Theory]
    [InlineData(Partner, Partner)]
    [InlineData(Lead, Lead)]
    [InlineData("特种设备安全监察处", Lead)] // responsible, but not a partner of this task
    public void An_items_results_belong_to_the_partner_responsible_for_it_else_to_the_lead(string responsible, string department) =>
        Assert.Equal(department, Joint.Spec.DepartmentOf(responsible));

    [Theory]
    [InlineData(Lead, Lead)]
    [InlineData(Partner, Partner)]
    public void Given_a_joint_task_When_an_official_acts_on_its_own_departments_result_Then_it_is_allowed(string token, string result) =>
        ResultApprovals.RequireOfficial(Joint, result, Official(token), "审批检查结果 / approve inspection results");

    [Theory]
    [InlineData(Partner, Lead)]
    [InlineData(Lead, Partner)]
    [InlineData(null, Lead)]
    [InlineData(null, Partner)]
    public void Given_a_joint_task_When_an_official_acts_on_another_departments_result_Then_it_is_refused_naming_the_department(
        string? token, string result)
    {
        EventAssert.Fails(DomainErrorKind.Forbidden, Departments.Field, () =>
        {
            ResultApprovals.RequireOfficial(Joint, result, Official(token), "公示检查结果 / publish inspection results");
            return result;
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 信用监管处")]
    [InlineData("信用\u0007监管处")]
    [InlineData("信用\n监管处")]
    public void A_department_that_is_not_exactly_one_line_of_text_is_refused(string text) =>
        Assert.False(Departments.TryParse(text, out _));

    [Fact]
    public void A_department_is_at_most_100_characters() =>
        Assert.Equal(
            (true, false),
            (Departments.TryParse(new string('处', Departments.MaxLength), out _), Departments.TryParse(new string('处', Departments.MaxLength + 1), out _)));

    private static Actor Official(string? department) => new("official", Role.BusinessDivision, DrawWorkflow.Guiyang, department);

    private static PlannedTask JointTask()
    {
        var task = new DrawWorkflow().Task;
        return task with { Spec = task.Spec with { PartnerDepartments = [Partner] } };
    }
}
