using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FairDraw.Ledger.Draws;

namespace FairDraw.Ledger.Tests.Draws;

/// <summary>docs/draw-protocol.md §12.1 names every member of every draw event's record, so an auditor needs no C#.</summary>
public sealed partial class DrawEventsInTheSpec
{
    public static TheoryData<Type> Events =>
    [
        typeof(PoolFrozen), typeof(DrawCommitted), typeof(CommitmentPublished), typeof(PartySecretRevealed),
        typeof(RandomnessRecorded), typeof(DrawExecuted), typeof(InspectorsAssigned), typeof(RoundSetAside),
        typeof(EntitySubstituted), typeof(InspectorReassigned),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void The_spec_names_every_member_of_the_events_record(Type type)
    {
        var spec = File.ReadAllText(Path.Combine(DrawVectorTests.RepositoryRoot(), "docs", "draw-protocol.md"));
        var recordType = SnakeCase().Replace(type.Name, "$1_$2").ToLowerInvariant();
        // An adjustment has a table of its own below its name; every other event is one row of the table of events.
        var table = type.IsAssignableTo(typeof(DrawAdjustment))
            ? Paragraphs(spec[spec.IndexOf($"`{recordType}` (`{type.Name}`", StringComparison.Ordinal)..])[1]
            : spec.Split('\n').Single(line => line.StartsWith($"| `{recordType}` |", StringComparison.Ordinal));

        Assert.All(Members(type), name => Assert.Contains($"`{name}`", table, StringComparison.Ordinal));
    }

    /// <summary>The serialised members of <paramref name="type"/> and, recursively, of the project's records it holds.</summary>
    private static IEnumerable<string> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.DeclaringType == type && property.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .SelectMany(property => Nested(ElementOf(property.PropertyType)).Prepend(property.Name));

    private static IEnumerable<string> Nested(Type type) =>
        type is { IsClass: true, Namespace: not null } && type.Namespace.StartsWith("FairDraw", StringComparison.Ordinal) ? Members(type) : [];

    private static Type ElementOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : type;

    private static string[] Paragraphs(string text) => text.Split("\n\n");

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex SnakeCase();
}
