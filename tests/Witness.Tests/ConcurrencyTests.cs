using System.Net;
using System.Text.Json;
using FairDraw.Witness.Tests.Support;

namespace FairDraw.Witness.Tests;

/// <summary>
/// The race c2sp.org/tlog-witness warns of: two requests checked against the same held size, the smaller one persisted
/// last, rolling the log back. Checking and persisting under one gate per log must make the second a 409.
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Two_concurrent_extensions_from_the_same_size_cannot_roll_the_state_back()
    {
        using var log = new TestLog();
        await using var witness = await TestWitness.Start(log);
        (await witness.Submit(log.Body(0, 2))).EnsureSuccessStatusCode();
        var held = 2L;

        for (var round = 0; round < 20; round++)
        {
            var (smaller, larger) = (held + 1, held + 1 + (round % 3) + 1);
            var (first, second) = (log.Body(held, smaller), log.Body(held, larger));
            using var start = new Barrier(2);
            var responses = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return witness.Submit(first); }),
                Task.Run(() => { start.SignalAndWait(); return witness.Submit(second); }));

            var statuses = responses.Select(response => response.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
            var winner = responses[0].StatusCode == HttpStatusCode.OK ? smaller : larger;
            var loser = responses.Single(response => response.StatusCode == HttpStatusCode.Conflict);
            Assert.Equal($"{winner}\n", await loser.Content.ReadAsStringAsync());
            using var record = JsonDocument.Parse(witness.Record(log.LogOrigin)!);
            Assert.Equal(winner, record.RootElement.GetProperty("treeSize").GetInt64());
            held = winner;
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
