using System.Security.Claims;
using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FairDraw.Api.Tests.Access;

/// <summary>
/// A token signed with the API's own key but naming a role that is not exactly one of the role names, or a malformed
/// department, is refused with 403 on reads and writes, and writes nothing. Enum parsing would take "3" as Registrar, "99" as a role and
/// "Inspector, Registrar" as the flag combination Investigator.
/// </summary>
[Collection(nameof(AccessCollection))]
public sealed class RefusingUnknownRoles(AccessHost fixture) : IAsyncLifetime
{
    public static TheoryData<string?> BadRoles => ["3", "99", "Inspector, Registrar", "registrar", " Registrar", "Registrar ", "", null];

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await WriteCases.SeedAsync(fixture);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(BadRoles))]
    public async Task A_token_naming_no_exact_role_is_refused_on_reads_and_writes_and_writes_nothing(string? role)
    {
        var token = Signed(role is null ? [] : [role]);
        var before = await fixture.EventsAsync();

        await Expect403(s => s.Get.Url("/api/entities"), token);
        await Expect403(s => s.Get.Url($"/api/entities/{WriteCases.Entity}"), token);
        await Expect403(s => s.Get.Url("/api/item-lists"), token); // public, but shows drafts to a token holder
        await Expect403(s => s.Post.Json(WriteCases.EntityIn520102(WriteCases.NewEntity)).ToUrl("/api/entities"), token);

        Assert.Equal(before, await fixture.EventsAsync());
    }

    /// <summary>Empty, blank, padded, too long, with a control character or a line break, or two departments.</summary>
    public static TheoryData<string[]> BadDepartments =>
        [[""], [" "], [" 信用监管处"], [new string('处', 101)], ["信用\u0007监管处"], ["信用\n监管处"], ["信用监管处", "食品生产监督管理处"]];

    [Theory]
    [MemberData(nameof(BadDepartments))]
    public async Task A_token_naming_a_malformed_department_is_refused_on_reads_and_writes_and_writes_nothing(string[] departments)
    {
        var token = Signed(["Registrar"], departments);
        var before = await fixture.EventsAsync();

        await Expect403(s => s.Get.Url("/api/entities"), token);
        await Expect403(s => s.Post.Json(WriteCases.EntityIn520102(WriteCases.NewEntity)).ToUrl("/api/entities"), token);

        Assert.Equal(before, await fixture.EventsAsync());
    }

    [Fact]
    public async Task A_token_carrying_two_roles_is_refused()
    {
        await Expect403(s => s.Get.Url("/api/entities"), Signed(["Auditor", "Registrar"]));
    }

    [Fact]
    public async Task The_same_hand_made_token_with_an_exact_role_name_is_accepted()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(WriteCases.EntityIn520102(WriteCases.NewEntity)).ToUrl("/api/entities");
            s.As(Signed(["Registrar"]));
            s.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
    }

    /// <summary>A department only matters to an official's steps on results; any other write takes a token naming one.</summary>
    [Fact]
    public async Task The_same_hand_made_token_naming_a_well_formed_department_is_accepted()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(WriteCases.EntityIn520102(WriteCases.NewEntity)).ToUrl("/api/entities");
            s.As(Signed(["Registrar"], ["登记注册处"]));
            s.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
    }

    private async Task Expect403(Action<Scenario> request, string token)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            request(s);
            s.As(token);
            s.StatusCodeShouldBe(StatusCodes.Status403Forbidden);
        });
        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
    }

    /// <summary>A token the API's key signs, for a registrar of 南明区 in everything but its role and department claims.</summary>
    private string Signed(IReadOnlyList<string> roles, IReadOnlyList<string>? departments = null)
    {
        var tokens = fixture.Host.Services.GetRequiredService<TokenService>();
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenService.Issuer,
            Audience = TokenService.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, "forger"),
                new Claim(TokenService.JurisdictionClaim, "520102"),
                .. roles.Select(role => new Claim(TokenService.RoleClaim, role)),
                .. (departments ?? []).Select(department => new Claim(TokenService.DepartmentClaim, department)),
            ]),
            SigningCredentials = new SigningCredentials(tokens.SigningKey, SecurityAlgorithms.EcdsaSha256),
        });
    }
}
