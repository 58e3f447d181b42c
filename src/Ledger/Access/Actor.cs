namespace FairDraw.Ledger.Access;

/// <summary>
/// Who is acting: a user id, the role it acts in, the jurisdiction it belongs to and, where its token names one, its
/// department (<see cref="Departments"/>; an official's steps on results need it). Every event records <see cref="Id"/>
/// as its "…By" member.
/// </summary>
public sealed record Actor(string Id, Role Role, DivisionCode Jurisdiction, string? Department = null)
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

    /// <summary>Fails unless this actor's token names <paramref name="department"/> (谁检查、谁录入、谁公开).</summary>
    public void RequireDepartment(string department)
    {
        if (Department != department)
        {
            throw new DomainException(
                DomainErrorKind.Forbidden, Departments.Field, Department is null
                    ? $"令牌未载明部门，无权操作{department}的检查结果 / the token names no department; the result is {department}'s"
                    : $"{Department}无权操作{department}的检查结果 / {Department} may not act on a result of {department}");
        }
    }
}
