using System.Text.RegularExpressions;
using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Operating;

/// <summary>
/// Storage lives in src/Projections: the Api neither speaks SQL nor begins, saves or copies through a connection or a
/// session itself, so every write takes the one write path (<c>StreamAppend</c>) and its transaction rule.
/// </summary>
public sealed partial class StorageInOneRoom
{
    [GeneratedRegex(@"\b(SaveChangesAsync|BeginTransactionAsync|BeginBinaryImport|QueueSqlCommand|CreateCommand|NpgsqlCommand|NpgsqlConnection|AdvancedSql)\b|""\s*select\s", RegexOptions.IgnoreCase)]
    private static partial Regex StorageCall();

    [Fact]
    public void No_Api_source_drives_a_connection_a_transaction_or_a_save_itself()
    {
        var api = Path.Combine(Repository.Root, "src", "Api");
        var found = Directory.EnumerateFiles(api, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, index, line)))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && StorageCall().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(api, l.path)}:{l.index + 1}: {l.line.Trim()}")
            .ToList();

        Assert.Empty(found);
    }
}
