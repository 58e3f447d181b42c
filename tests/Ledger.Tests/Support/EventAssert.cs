using System.Collections;

namespace FairDraw.Ledger.Tests.Support;

/// <summary>
/// Asserts decided events member by member. Records compare lists by reference, so lists (tags, codes) are compared
/// here as sequences and every other member with its own equality.
/// </summary>
public static class EventAssert
{
    public static void Equal(IReadOnlyList<object> expected, IReadOnlyList<object> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.Equal(want.GetType(), got.GetType());
            foreach (var property in want.GetType().GetProperties())
            {
                var (wantValue, gotValue) = (property.GetValue(want), property.GetValue(got));
                if (wantValue is IEnumerable wantItems and not string && gotValue is IEnumerable gotItems)
                {
                    Assert.Equal(wantItems.Cast<object>(), gotItems.Cast<object>());
                }
                else
                {
                    Assert.True(Equals(wantValue, gotValue), $"{want.GetType().Name}.{property.Name}: expected {wantValue}, got {gotValue}");
                }
            }
        }
    }

    /// <summary>Asserts that <paramref name="decide"/> fails with <paramref name="kind"/> about <paramref name="field"/>.</summary>
    public static DomainException Fails(DomainErrorKind kind, string field, Func<IReadOnlyList<object>> decide)
    {
        var error = Assert.Throws<DomainException>(() => decide());
        Assert.Equal((kind, field), (error.Kind, error.Field));
        return error;
    }
}
