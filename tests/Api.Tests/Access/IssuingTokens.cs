using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Access;
using FairDraw.Api.Reads;
using FairDraw.Api.Tests.Entities;
using FairDraw.Api.Tests.Support;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Directories;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FairDraw.Api.Tests.Access;

/// <summary>
/// The `token` verb: a bearer token for local use, signed with the ledger's key, for the role, jurisdiction and
/// department asked for.
/// </summary>
[Collection(nameof(AccessCollection))]
public sealed class IssuingTokens(AccessHost fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs the verb, expects it to succeed, and returns the token: all it prints on stdout (JasperFx's command discovery
    /// goes to stderr), so that <c>T=$(… token …)</c> captures the token alone.
    /// </summary>
    private async Task<string> IssueAsync(params string[] args)
    {
        var issued = await fixture.RunApiAsync(["token", .. args]);
        Assert.True(issued.ExitCode == 0, issued.Output);
        Assert.Matches(@"^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$", issued.StandardOutput);
        return issued.StandardOutput.TrimEnd('\n');
    }

    [Fact]
    public async Task The_token_verb_prints_a_token_the_api_accepts_for_the_role_and_jurisdiction_asked_for()
    {
        var registrar = await IssueAsync("Registrar", "--jurisdiction", "520102", "--user", "registrar-cli");

        await fixture.PostAsync("/api/entities", RegisteringEntities.Nanming(), registrar, HttpStatusCode.Created);
        var history = await fixture.Host.GetAsJson<List<JsonElement>>($"/api/entities/{RegisteringEntities.NanmingCode}/history", registrar);
        Assert.Equal("registrar-cli", Assert.Single(history!).GetProperty("actor").GetString());

        // Its jurisdiction is the one asked for: Nanming's registrar may not register in Yunyan.
        var yunyan = RegisteringEntities.Nanming(uscc: Uscc.Complete("91520103MA6DKXAB").Value) with { Jurisdiction = "520103" };
        await fixture.PostAsync("/api/entities", yunyan, registrar, HttpStatusCode.Forbidden);

        // Its role is the one asked for: an auditor reads the directory but may not register; without --user the
        // token names the role and jurisdiction.
        var auditor = await IssueAsync("Auditor");
        var page = await fixture.Host.GetAsJson<Page<EntityRevision>>("/api/entities", auditor);
        Assert.Equal([RegisteringEntities.NanmingCode], page!.Items.Select(e => e.Uscc));
        await fixture.PostAsync("/api/entities", RegisteringEntities.Nanming(uscc: Uscc.Complete("91520102MA6DKXAC").Value), auditor, HttpStatusCode.Forbidden);

        var cityRegistrar = await IssueAsync("Registrar");
        await fixture.PostAsync("/api/entities", yunyan, cityRegistrar, HttpStatusCode.Created);
        var registered = await fixture.Host.GetAsJson<List<JsonElement>>($"/api/entities/{yunyan.Uscc}/history", cityRegistrar);
        Assert.Equal("registrar-520100", Assert.Single(registered!).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task An_unknown_role_or_a_malformed_jurisdiction_is_refused_naming_the_value_and_no_token_is_printed()
    {
        var unknown = await fixture.RunApiAsync("token", "Janitor");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains(
            "unknown role 'Janitor': use one of CreditOffice, BusinessDivision, DistrictBureau, Registrar, Personnel, Inspector, Auditor, Investigator",
            Unwrapped(unknown.Output),
            StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", unknown.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", unknown.Output, StringComparison.Ordinal); // a message, not a stack trace

        var malformed = await fixture.RunApiAsync("token", "Registrar", "--jurisdiction", "5201");
        Assert.NotEqual(0, malformed.ExitCode);
        Assert.Contains("a division code is six digits, got '5201'", Unwrapped(malformed.Output), StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", malformed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", malformed.Output, StringComparison.Ordinal);

        var forever = await fixture.RunApiAsync("token", "Auditor", "--hours", "2147483647");
        Assert.NotEqual(0, forever.ExitCode);
        Assert.Contains("the lifetime is 1 to 8784 hours", Unwrapped(forever.Output), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", forever.Output, StringComparison.Ordinal);

        var anyCase = await fixture.RunApiAsync("token", "auditor");
        Assert.Equal(0, anyCase.ExitCode);
        Assert.Contains("eyJ", anyCase.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_department_flag_names_the_department_in_the_token_and_a_malformed_one_is_refused()
    {
        var official = await IssueAsync("BusinessDivision", "--department", "食品生产监督管理处");
        Assert.Equal("食品生产监督管理处", new JsonWebToken(official).GetClaim(TokenService.DepartmentClaim).Value);
        Assert.False(new JsonWebToken(await IssueAsync("Auditor")).TryGetClaim(TokenService.DepartmentClaim, out _));

        var blank = await fixture.RunApiAsync("token", "BusinessDivision", "--department", " ");
        Assert.NotEqual(0, blank.ExitCode);
        Assert.Contains("department is required", Unwrapped(blank.Output), StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", blank.Output, StringComparison.Ordinal);
    }

    /// <summary>The output with every run of white space as one space: the console wraps long messages at its width.</summary>
    private static string Unwrapped(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
}
