namespace FairDraw.Ledger.Access;

/// <summary>
/// Who is acting: a user id, the role it acts in and the jurisdiction it belongs to.
/// Every event records <see cref="Id"/> as its "…By" member.
/// </summary>
public sealed record Actor(string Id, Role Role, DivisionCode Jurisdiction)
{
    /// <summary>Fails unless this actor holds one of <paramref name="allowed"/> roles.</summary>
    public void RequireRole(string action, params Role[] allowed)
    {
        if (!allowed.Contains(Role))
        {
            throw DomainException.Forbidden(
                $"角色“{Role}”无权{action} / role {Role} may not {action}; allowed: {string.Join(", ", allowed)}");
        }
    }

    /// <summary>Fails unless <paramref name="target"/> lies inside this actor's jurisdiction.</summary>
    public void RequireJurisdiction(DivisionCode target)
    {
        if (!Jurisdiction.Covers(target))
        {
            throw DomainException.Forbidden(
                $"辖区{Jurisdiction}无权操作辖区{target}的数据 / jurisdiction {Jurisdiction} may not write data of {target}");
        }
    }
}
