using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FairDraw.Ledger;

namespace FairDraw.Api.Reads;

/// <summary>
/// The opaque <c>next</c>/<c>after</c> token of keyset paging: the last key of a page, with a check over the key, the
/// list and its filters (as-of moment included). The check is not a secret: a cursor grants nothing its key in the
/// clear would not, and it is there so that a cut, edited or misapplied cursor is refused instead of silently paging
/// from somewhere else or through other filters.
/// </summary>
public static class ListCursor
{
    private const byte Version = 1;
    private const int CheckLength = 8;

    /// <summary>The list and its filter values, as the cursor binds them.</summary>
    public static string Scope(string list, IEnumerable<object?> filters) => list + "\u001f" + string.Join('\u001f', filters);

    public static string Encode(string key, string scope)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var token = new byte[1 + CheckLength + keyBytes.Length];
        token[0] = Version;
        Check(keyBytes, scope).CopyTo(token.AsSpan(1));
        keyBytes.CopyTo(token.AsSpan(1 + CheckLength));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The key a cursor carries, or a 400 on <c>after</c> when it is not a cursor of this list and filters.</summary>
    public static string Decode(string cursor, string scope)
    {
        byte[] token;
        try
        {
            token = cursor.Length <= 400 ? Base64Url.DecodeFromChars(cursor) : [];
        }
        catch (FormatException)
        {
            token = [];
        }

        var keyBytes = token.Length > 1 + CheckLength ? token.AsSpan(1 + CheckLength) : [];
        if (keyBytes.IsEmpty || token[0] != Version || !Check(keyBytes, scope).SequenceEqual(token.AsSpan(1, CheckLength)))
        {
            throw DomainException.Invalid(
                "after", "游标无效，或属于另一列表或另一组筛选条件 / the cursor is invalid, or belongs to another list or other filters");
        }

        return Encoding.UTF8.GetString(keyBytes);
    }

    private static byte[] Check(ReadOnlySpan<byte> key, string scope)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(scope + "\u001e"));
        hash.AppendData(key);
        return hash.GetHashAndReset()[..CheckLength];
    }
}
