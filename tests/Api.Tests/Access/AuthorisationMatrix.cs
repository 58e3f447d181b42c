using Alba;
using FairDraw.Api.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Access;

/// <summary>
/// Every write endpoint × no token / wrong role / wrong jurisdiction / another user of the allowed role (where the write
/// is one user's) / no department or another one (where the write is one department's) / the allowed actor.
/// </summary>
[Collection(nameof(AccessCollection))]
public sealed class AuthorisationMatrix(AccessHost fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await WriteCases.SeedAsync(fixture);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(WriteCases.Endpoints), MemberType = typeof(WriteCases))]
    public async Task Only_the_allowed_role_inside_its_jurisdiction_may_write(string endpoint)
    {
        var write = await WriteCases.PreparedAsync(fixture, endpoint);

        const int forbidden = StatusCodes.Status403Forbidden;
        var (role, jurisdiction, department) = (write.Allowed.Role, write.Allowed.Jurisdiction, write.Department);
        await Expect(write, token: null, StatusCodes.Status401Unauthorized);
        await Expect(write, fixture.Token(write.WrongRole, jurisdiction, write.User, department), forbidden);
        if (write.WrongJurisdiction is { } elsewhere)
        {
            await Expect(write, fixture.Token(role, elsewhere, write.User, department), forbidden);
        }

        if (write.User != WriteCase.AnyUser)
        {
            await Expect(write, fixture.Token(role, jurisdiction, department: department), forbidden);
        }

        if (department is not null)
        {
            await Expect(write, fixture.Token(role, jurisdiction, write.User), forbidden);
            await Expect(write, fixture.Token(role, jurisdiction, write.User, WriteCase.OtherDepartment), forbidden);
        }

        var allowed = await fixture.Host.Scenario(s =>
        {
            write.Send(s, fixture);
            s.As(fixture.Token(role, jurisdiction, write.User, department));
            s.IgnoreStatusCode();
        });
        Assert.InRange(allowed.Context.Response.StatusCode, 200, 299);
        Assert.Equal(await fixture.DocumentedSuccessAsync(write.Method, write.Route), [allowed.Context.Response.StatusCode]);
    }

    [Fact]
    public void The_matrix_covers_every_write_endpoint_of_the_api()
    {
        var writes = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(e => !e.StartsWith("GET ", StringComparison.Ordinal) && !e.StartsWith("HEAD ", StringComparison.Ordinal))
            .Order()
            .ToList();
        Assert.Equal(writes, WriteCases.All.Select(c => c.Endpoint).Order().ToList());
    }

    private async Task Expect(WriteCase write, string? token, int status)
    {
        await fixture.Host.Scenario(s =>
        {
            write.Send(s, fixture);
            if (token is not null)
            {
                s.As(token);
            }

            s.StatusCodeShouldBe(status);
        });
    }
}
