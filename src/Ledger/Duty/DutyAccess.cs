using FairDraw.Ledger.Access;
using FairDraw.Ledger.Plans;

namespace FairDraw.Ledger.Duty;

/// <summary>
/// Who may read a duty report or bundle: the auditor and the investigator anywhere; the credit office, the business
/// divisions and the district bureaus whose jurisdiction covers the plan's (those who file, acknowledge or draw it).
/// </summary>
public static class DutyAccess
{
    public const int MaxOfficialLength = 64;

    private static readonly Role[] Readers = [Role.Auditor, Role.Investigator, Role.CreditOffice, Role.BusinessDivision, Role.DistrictBureau];

    /// <summary>The scope asked for, once the actor may read it; 403 for another role or jurisdiction, 400 naming a bad parameter.</summary>
    public static DutyScope Authorize(int? year, string? jurisdiction, string? department, string? official, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("读取尽职报告 / read duty reports", Readers);
        var plan = PlanId.Create(year, jurisdiction, department);
        if (actor.Role is not (Role.Auditor or Role.Investigator))
        {
            actor.RequireJurisdiction(plan.Jurisdiction);
        }

        return new DutyScope(plan, official is null ? null : Text.Required(official, "official", MaxOfficialLength));
    }
}
