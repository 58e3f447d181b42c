using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FairDraw.Api.Access;

public static class ActorClaims
{
    /// <summary>The acting user of an authenticated request, as the domain sees it.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        TryActor(user, out var actor)
            ? actor
            : throw DomainException.Forbidden("令牌缺少用户、角色或辖区 / the token lacks a subject, role or jurisdiction");

    /// <summary>
    /// Refuses (403) every request whose validly signed token does not name one subject, exactly one role by its exact
    /// name and a division code, or names a malformed department or more than one, before any endpoint runs — public
    /// reads too, which show more to a token holder.
    /// </summary>
    public static Task RefuseUnknownActors(HttpContext context, RequestDelegate next) =>
        context.User.Identity?.IsAuthenticated == true && !TryActor(context.User, out _)
            ? throw DomainException.Forbidden(
                "令牌的用户、角色、辖区或部门无效 / the token's subject, role, jurisdiction or department is not valid")
            : next(context);

    private static bool TryActor(ClaimsPrincipal user, [NotNullWhen(true)] out Actor? actor)
    {
        actor = null;
        var id = user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        var roles = user.FindAll(TokenService.RoleClaim).ToList();
        var departments = user.FindAll(TokenService.DepartmentClaim).Select(claim => claim.Value).ToList();
        string? department = null;
        if (id is null || roles.Count != 1 || !Roles.TryParse(roles[0].Value, out var role)
            || !DivisionCode.TryParse(user.FindFirstValue(TokenService.JurisdictionClaim), out var jurisdiction)
            || departments.Count > 1 || (departments.Count == 1 && !Departments.TryParse(departments[0], out department)))
        {
            return false;
        }

        actor = new Actor(id, role, jurisdiction.Value, department);
        return true;
    }
}
