using Alba;
using FairDraw.Api.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Access;

/// <summary>Every write endpoint × no token / wrong role / wrong jurisdiction / another user of the allowed role (where the write is one user's) / the allowed actor.</summary>
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

        await Expect(write, token: null, StatusCodes.Status401Unauthorized);
        await Expect(write, fixture.Token(write.WrongRole, write.Allowed.Jurisdiction, write.User), StatusCodes.Status403Forbidden);
        if (write.WrongJurisdiction is { } elsewhere)
        {
            await Expect(write, fixture.Token(write.Allowed.Role, elsewhere, write.User), StatusCodes.Status403Forbidden);
        }

        if (write.User != WriteCase.AnyUser)
        {
            await Expect(write, fixture.Token(write.Allowed.Role, write.Allowed.Jurisdiction), StatusCodes.Status403Forbidden);
        }

        var allowed = await fixture.Host.Scenario(s =>
        {
            write.Send(s, fixture);
            s.As(fixture.Token(write.Allowed.Role, write.Allowed.Jurisdiction, write.User));
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
