using System.Security.Claims;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FairDraw.Api.Access;

public static class ActorClaims
{
    /// <summary>The acting user of an authenticated request, as the domain sees it.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        var roleText = user.FindFirstValue(TokenService.RoleClaim);
        var jurisdictionText = user.FindFirstValue(TokenService.JurisdictionClaim);
        if (id is null || !Enum.TryParse<Role>(roleText, out var role) || !DivisionCode.TryParse(jurisdictionText, out var jurisdiction))
        {
            throw DomainException.Forbidden("令牌缺少用户、角色或辖区 / the token lacks a subject, role or jurisdiction");
        }

        return new Actor(id, role, jurisdiction.Value);
    }
}
