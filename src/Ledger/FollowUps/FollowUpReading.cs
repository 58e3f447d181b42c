using FairDraw.Ledger.Access;

namespace FairDraw.Ledger.FollowUps;

/// <summary>
/// Who reads the lists of follow-ups and status offers, and over which jurisdiction: the auditor and the investigator
/// any, the given roles only one their own jurisdiction covers; without one named, the reader's own.
/// </summary>
public static class FollowUpReading
{
    /// <summary>The jurisdiction the list covers (a city covers its districts); fails unless the actor may read it.</summary>
    public static DivisionCode Scope(Actor actor, string? jurisdiction, string action, params Role[] bound)
    {
        actor.RequireRole(action, [Role.Auditor, Role.Investigator, .. bound]);
        var scope = jurisdiction is null ? actor.Jurisdiction : DivisionCode.Parse(jurisdiction);
        if (bound.Contains(actor.Role))
        {
            actor.RequireJurisdiction(scope);
        }

        return scope;
    }
}
