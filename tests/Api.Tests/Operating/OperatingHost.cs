using FairDraw.Api.Tests.Support;

namespace FairDraw.Api.Tests.Operating;

/// <summary>A host for the operator's view: the command line run from elsewhere, its keys and its database.</summary>
public sealed class OperatingHost() : LedgerHost("test_operating")
{
    /// <summary>A new empty folder, deleted with <paramref name="use"/>'s end: a working directory or a key folder's parent.</summary>
    public static async Task InTemporaryFolderAsync(Func<string, Task> use)
    {
        var folder = Directory.CreateTempSubdirectory("fairdraw-operating-").FullName;
        try
        {
            await use(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

[CollectionDefinition(nameof(OperatingCollection))]
public sealed class OperatingCollection : ICollectionFixture<OperatingHost>;
