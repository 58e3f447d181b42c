using FairDraw.Ledger;
using FairDraw.Ledger.Access;
using FairDraw.Ledger.Entities;
using FairDraw.Projections.Storage;
using FairDraw.Api.Tests.Entities;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// The settled position holds only if every append takes its ledger positions inside the transaction that writes them
/// (docs/architecture.md, "The settled position"); the chaining listener refuses a save that does not.
/// </summary>
[Collection(nameof(IntegrityCollection))]
public sealed class TakingPositionsInATransaction(IntegrityHost fixture) : IAsyncLifetime
{
    private static readonly Actor Registrar = new("registrar", Role.Registrar, DivisionCode.Parse("520102"));

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private IDocumentStore Store => fixture.Host.Services.GetRequiredService<IDocumentStore>();

    private static string Register(IDocumentSession session, string body)
    {
        var uscc = Uscc.Complete("91520102" + body).Value;
        var events = EntityDecisions.Register(RegisteringEntities.Nanming(uscc), null, Registrar, NodaTime.Instant.FromUtc(2021, 5, 1, 0, 0));
        session.Events.StartStream(StreamKeys.Entity(uscc), [.. events]);
        return StreamKeys.Entity(uscc);
    }

    private async Task<bool> StoredAsync(string streamKey)
    {
        await using var query = Store.QuerySession();
        return await query.Events.FetchStreamStateAsync(streamKey) is not null;
    }

    [Fact]
    public async Task A_save_without_a_transaction_begun_first_is_refused_and_writes_nothing()
    {
        await using var session = Store.LightweightSession();
        var key = Register(session, "MA6TXN00");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());

        Assert.Contains("outside a transaction", error.Message, StringComparison.Ordinal);
        Assert.False(await StoredAsync(key));
    }

    [Fact]
    public async Task Saves_in_a_transaction_begun_first_are_written()
    {
        string first, second;
        await using (var session = Store.LightweightSession())
        {
            first = Register(session, "MA6TXN01");
            await StreamAppend.SaveAsync(session);
        }

        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var session = Store.LightweightSession(SessionOptions.ForTransaction(transaction));
            second = Register(session, "MA6TXN02");
            await session.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.True(await StoredAsync(first));
        Assert.True(await StoredAsync(second));
    }
}
