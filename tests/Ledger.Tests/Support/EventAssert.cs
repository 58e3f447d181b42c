using System.Collections;
using System.Reflection;

namespace FairDraw.Ledger.Tests.Support;

/// <summary>
/// Exact comparison of decided events: same count, same types, same member values, with lists compared element by
/// element (record equality compares them by reference). A mismatch names its path, e.g. "[0].Items[1].Methods[0]".
/// </summary>
public static class EventAssert
{
    public static void Equal(IReadOnlyList<object> expected, IReadOnlyList<object> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Same(expected[i], actual[i], $"[{i}]");
        }
    }

    /// <summary>Runs a decision expected to fail and checks the kind and field of its <see cref="DomainException"/>.</summary>
    public static DomainException Fails(DomainErrorKind kind, string field, Func<object> decision)
    {
        var failure = Assert.Throws<DomainException>(decision);
        Assert.Equal((kind, field), (failure.Kind, failure.Field));
        return failure;
    }

    public static void Same(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        if (expected is IEnumerable expectedItems and not string)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
            Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} elements, got {right.Count}");
            for (var i = 0; i < left.Count; i++)
            {
                Same(left[i], right[i], $"{path}[{i}]");
            }

            return;
        }

        var type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{path}: expected a {type.Name}, got a {actual.GetType().Name}");
        if (type.IsClass && type.Namespace?.StartsWith("FairDraw", StringComparison.Ordinal) == true)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                Same(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            }

            return;
        }

        Assert.True(Equals(expected, actual), $"{path}: expected {expected}, got {actual}");
    }
}
