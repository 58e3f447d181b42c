using System.Security.Claims;
using FairDraw.Api.Hosting;
using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace FairDraw.Api.Access;

/// <summary>
/// Issues and validates the API's bearer tokens (JWT, ES256), signed with the token key of <see cref="SigningKeys"/>.
/// </summary>
public sealed class TokenService
{
    public const string Issuer = "fair-draw-ledger";
    public const string Audience = "fair-draw-api";
    public const string RoleClaim = "role";
    public const string JurisdictionClaim = "jurisdiction";
    public const string NameClaim = "name";

    /// <summary>Optional: the department of a division's or bureau's official (<see cref="Departments"/>).</summary>
    public const string DepartmentClaim = "department";

    private readonly SigningCredentials _credentials;

    public TokenService(LedgerSettings settings)
    {
        var key = new ECDsaSecurityKey(SigningKeys.Load(settings.KeyDirectory, SigningKeys.TokenKey))
        {
            KeyId = "token-signing-1",
        };
        SigningKey = key;
        _credentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);
    }

    public SecurityKey SigningKey { get; }

    /// <summary>
    /// A token for <paramref name="userId"/> acting as <paramref name="role"/> in <paramref name="jurisdiction"/>, for
    /// <paramref name="department"/> when given (checked as <see cref="Departments.Parse"/> does).
    /// </summary>
    public string Issue(
        string userId, string displayName, Role role, DivisionCode jurisdiction, Duration lifetime, string? department = null)
    {
        // The JWT handler checks lifetimes against the machine's clock, so tokens are issued on that clock too,
        // never on the (injectable) clock that stamps domain events.
        var now = SystemClock.Instance.GetCurrentInstant();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = (now + lifetime).ToDateTimeUtc(),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId),
                new Claim(NameClaim, displayName),
                new Claim(RoleClaim, role.ToString()),
                new Claim(JurisdictionClaim, jurisdiction.Value),
                .. department is null ? Array.Empty<Claim>() : [new Claim(DepartmentClaim, Departments.Parse(department))],
            ]),
            SigningCredentials = _credentials,
        });
    }

    /// <summary>
    /// The actor a bearer token names, validated exactly as the API validates it: the command line's writes are
    /// authorised by the same token, role and jurisdiction as the endpoints'.
    /// </summary>
    public async Task<Actor> ActorOfAsync(string token)
    {
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, ValidationParameters());
        return validated.IsValid
            ? new ClaimsPrincipal(validated.ClaimsIdentity).ToActor()
            : throw DomainException.Forbidden($"令牌无效 / the token is not valid: {validated.Exception?.Message ?? "rejected"}");
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        NameClaimType = NameClaim,
        RoleClaimType = RoleClaim,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
