using System.Text;
using FairDraw.Ledger;
using FairDraw.Ledger.Draws;
using FairDraw.Ledger.Entities;
using FairDraw.Ledger.Integrity;
using FairDraw.Projections.Integrity;
using JasperFx.Events;
using NodaTime;

namespace FairDraw.Api.Tests.Integrity;

/// <summary>
/// The actor and instant of a stored event are read from its payload (the chain headers no longer repeat them), by the
/// members each event type's <see cref="IAttributedEvent"/> implementation names.
/// </summary>
public sealed class ReadingAttribution
{
    [Fact]
    public void Every_event_type_of_the_domain_names_its_actor_and_instant_in_its_own_members()
    {
        var types = typeof(IAttributedEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAttributedEvent).IsAssignableFrom(t))
            .ToList();

        Assert.True(types.Count >= 30, $"found only {types.Count} event types");
        foreach (var type in types)
        {
            // An empty object names neither member: the error must name the one that is missing, for every type.
            var error = Assert.Throws<FormatException>(() => EventAttribution.Read(type.GetEventTypeName(), "{}"u8));
            Assert.Matches("no string .+By$", error.Message);
        }
    }

    [Fact]
    public void The_payload_members_give_the_actor_and_the_instant_with_nine_fraction_digits()
    {
        var payload = """{"Uscc":"91350100M000100Y43","Status":"Deregistered","Reason":"注销登记","ChangedBy":"registrar-1","ChangedAt":"2021-09-01T09:00:00.5Z"}"""u8;

        var (actor, time) = EventAttribution.Read(typeof(EntityStatusChanged).GetEventTypeName(), payload);

        Assert.Equal(("registrar-1", "2021-09-01T09:00:00.500000000Z"), (actor, time));
    }

    [Fact]
    public void A_draw_event_is_read_by_its_own_members()
    {
        var payload = Encoding.UTF8.GetBytes(
            """{"TaskId":"2021-520100-SJJ-T01","Round":1,"Index":0,"Secret":"00","RevealedBy":"auditor-520100","RevealedAt":"2021-06-01T10:00:00Z"}""");

        var (actor, time) = EventAttribution.Read(typeof(PartySecretRevealed).GetEventTypeName(), payload);

        Assert.Equal(("auditor-520100", LedgerRecord.FormatTime(Instant.FromUtc(2021, 6, 1, 10, 0))), (actor, time));
    }

    [Theory]
    [InlineData("entity_registered", """{"RegisteredBy":"r","RegisteredAt":"yesterday"}""", "RegisteredAt is not an instant: yesterday")]
    [InlineData("entity_registered", """{"RegisteredBy":7,"RegisteredAt":"2021-06-01T09:00:00Z"}""", "the payload has no string RegisteredBy")]
    [InlineData("entity_registered", """["RegisteredBy"]""", "the payload is not a JSON object")]
    [InlineData("no_such_event", """{}""", "unknown event type no_such_event: its actor and instant cannot be found")]
    public void A_payload_without_them_is_refused_with_the_reason(string type, string payload, string reason)
    {
        var error = Assert.Throws<FormatException>(() => EventAttribution.Read(type, Encoding.UTF8.GetBytes(payload)));

        Assert.Equal(reason, error.Message);
    }
}
