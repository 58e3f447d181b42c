namespace FairDraw.Api.Tests.Support;

/// <summary>The repository the tests run from, for the files they read or run beside the API (the JavaScript verifier).</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Ledger.sln</c>, found upwards from the test assembly.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Ledger.sln")))
        {
            directory = directory.Parent!;
        }

        return directory.FullName;
    }
}
