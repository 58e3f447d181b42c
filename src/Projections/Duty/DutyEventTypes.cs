using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FairDraw.Ledger;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace FairDraw.Projections.Duty;

/// <summary>
/// Turns a canonical event's stored type name and payload back into the domain's event record, exactly as the store
/// wrote it: Marten's name for each event type (the snake_case of its class name) and the store's JSON settings
/// (NodaTime values, enums by name). The duty engine judges those records; the verifier decodes a bundle's bytes here.
/// </summary>
public static partial class DutyEventTypes
{
    private static readonly Dictionary<string, Type> ByName = typeof(IAttributedEvent).Assembly.GetTypes()
        .Where(type => typeof(IAttributedEvent).IsAssignableFrom(type) && !type.IsAbstract)
        .ToDictionary(NameOf, StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = Options();

    /// <summary>The name the store keeps events of <paramref name="type"/> under (Marten's default, e.g. <c>plan_filed</c>).</summary>
    public static string NameOf(Type type) => UpperCase().Replace(type.Name, "_$0").TrimStart('_').ToLowerInvariant();

    public static IEnumerable<Type> All => ByName.Values;

    /// <summary>The event record of <paramref name="type"/> read from <paramref name="payloadJson"/>; throws for an unknown type or payload.</summary>
    public static object Decode(string type, ReadOnlySpan<byte> payloadJson) =>
        ByName.TryGetValue(type, out var clr)
            ? JsonSerializer.Deserialize(payloadJson, clr, Json) ?? throw new JsonException($"a null {type}")
            : throw new JsonException($"unknown event type {type}");

    private static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    [GeneratedRegex("[A-Z]")]
    private static partial Regex UpperCase();
}
