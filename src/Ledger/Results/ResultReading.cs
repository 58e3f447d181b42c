using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;

namespace FairDraw.Ledger.Results;

/// <summary>
/// Who reads a task's results before publication: the auditor and the investigator; the credit office, business
/// division or district bureau covering the task's jurisdiction; an inspector only the results of objects it is assigned
/// to now or that name it as present.
/// </summary>
public static class ResultReading
{
    private static readonly Role[] Readers =
        [Role.Auditor, Role.Investigator, Role.CreditOffice, Role.BusinessDivision, Role.DistrictBureau, Role.Inspector];

    /// <summary>Fails unless <paramref name="actor"/> may read some of the task's results.</summary>
    public static void RequireReader(PlannedTask task, Actor actor)
    {
        actor.RequireRole("查看检查结果 / read inspection results", Readers);
        if (ReadsInJurisdictionOnly(actor))
        {
            actor.RequireJurisdiction(task.Jurisdiction);
        }
    }

    /// <summary>Whether <paramref name="actor"/>, a reader of the task, sees <paramref name="result"/>.</summary>
    public static bool Shows(Actor actor, InspectionResult result, IReadOnlyList<string> assignedNow) =>
        actor.Role != Role.Inspector || assignedNow.Contains(actor.Id) || result.Content.Inspectors.Contains(actor.Id)
        || result.Recorded.RecordedBy == actor.Id;

    /// <summary>Whether <paramref name="actor"/> reads <paramref name="result"/> of <paramref name="task"/>: a reader of the task who sees it.</summary>
    public static bool MayRead(PlannedTask task, Actor actor, InspectionResult result, IReadOnlyList<string> assignedNow) =>
        Readers.Contains(actor.Role) && (!ReadsInJurisdictionOnly(actor) || actor.Jurisdiction.Covers(task.Jurisdiction))
        && Shows(actor, result, assignedNow);

    private static bool ReadsInJurisdictionOnly(Actor actor) =>
        actor.Role is Role.CreditOffice or Role.BusinessDivision or Role.DistrictBureau;
}
