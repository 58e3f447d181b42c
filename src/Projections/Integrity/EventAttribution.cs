using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;
using JasperFx.Events;
using NodaTime;
using NodaTime.Text;

namespace FairDraw.Projections.Integrity;

/// <summary>
/// Where each event type keeps its actor and its instant in its payload (its own "…By" and "…At" members, the ones its
/// <see cref="IAttributedEvent"/> implementation returns), so that the canonical bytes of a stored event can be rebuilt
/// from its row without chain headers repeating them. Found once, by reflection over the domain's event types: each
/// type's <see cref="IAttributedEvent"/> members are read back from an instance whose members hold distinct values.
/// </summary>
public static class EventAttribution
{
    private static readonly FrozenDictionary<string, Members> ByEventType = Discover()
        .ToFrozenDictionary(x => x.Key.GetEventTypeName(), x => x.Value, StringComparer.Ordinal);

    /// <summary>
    /// The actor and the canonical time (<see cref="LedgerRecord.FormatTime"/>) of a stored payload of the event type
    /// named <paramref name="eventTypeName"/>; throws <see cref="FormatException"/> naming what is missing.
    /// </summary>
    public static (string Actor, string Time) Read(string eventTypeName, ReadOnlySpan<byte> payload)
    {
        if (!ByEventType.TryGetValue(eventTypeName, out var members))
        {
            throw new FormatException($"unknown event type {eventTypeName}: its actor and instant cannot be found");
        }

        var (actor, time) = ((string?)null, (string?)null);
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("the payload is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isActor = reader.ValueTextEquals(members.ActorUtf8);
            var isTime = !isActor && reader.ValueTextEquals(members.TimeUtf8);
            reader.Read();
            if (isActor && reader.TokenType == JsonTokenType.String)
            {
                actor = reader.GetString();
            }
            else if (isTime && reader.TokenType == JsonTokenType.String)
            {
                time = reader.GetString();
            }

            reader.Skip();
        }

        if (actor is null || time is null)
        {
            throw new FormatException($"the payload has no string {(actor is null ? members.Actor : members.Time)}");
        }

        var instant = InstantPattern.ExtendedIso.Parse(time);
        return instant.Success
            ? (actor, LedgerRecord.FormatTime(instant.Value))
            : throw new FormatException($"{members.Time} is not an instant: {time}");
    }

    private sealed record Members(string Actor, string Time)
    {
        public byte[] ActorUtf8 { get; } = Encoding.UTF8.GetBytes(Actor);

        public byte[] TimeUtf8 { get; } = Encoding.UTF8.GetBytes(Time);
    }

    private static Dictionary<Type, Members> Discover() =>
        typeof(IAttributedEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAttributedEvent).IsAssignableFrom(t))
            .ToDictionary(t => t, Probe);

    /// <summary>Finds which of <paramref name="type"/>'s own members its actor and instant are.</summary>
    private static Members Probe(Type type)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var strings = properties.Where(p => p.PropertyType == typeof(string)).ToList();
        var instants = properties.Where(p => p.PropertyType == typeof(Instant)).ToList();
        for (var i = 0; i < strings.Count; i++)
        {
            strings[i].SetValue(instance, $"\u0001{i}");
        }

        for (var i = 0; i < instants.Count; i++)
        {
            instants[i].SetValue(instance, Instant.FromUnixTimeSeconds(i + 1));
        }

        var attributed = (IAttributedEvent)instance;
        var actor = strings.SingleOrDefault(p => (string?)p.GetValue(instance) == attributed.Actor);
        var time = instants.SingleOrDefault(p => (Instant)p.GetValue(instance)! == attributed.OccurredAt);
        if (actor is null || time is null)
        {
            throw new InvalidOperationException(
                $"{type.Name}'s actor and instant (IAttributedEvent) must each be one of its own string and Instant members, for the ledger to read them from its payload");
        }

        return new Members(JsonName(actor), JsonName(time));
    }

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
}
