namespace FairDraw.Api.Hosting;

/// <summary>
/// The host's settings, read once from configuration (appsettings, environment, command line).
/// <paramref name="KeyDirectory"/> is the absolute folder of the <see cref="Access.SigningKeys"/> (<c>Ledger:KeyDirectory</c>,
/// by default the project's <c>.local/keys</c>: never the working directory, so a verb run from elsewhere signs and
/// verifies with the server's keys). <paramref name="MaxUploadBytes"/> is the largest request body an import endpoint
/// takes (<c>Ledger:MaxUploadBytes</c>). <paramref name="ConnectionString"/> is the application role's (FAIRDRAW_DATABASE),
/// which the server and the verbs use; <paramref name="OwnerConnectionString"/> the schema owner's
/// (FAIRDRAW_OWNER_DATABASE), which only <c>migrate</c> uses: null when FAIRDRAW_DATABASE names another server but no
/// owner is given. <paramref name="MaxAttachmentBytes"/> is the largest evidence file stored (<c>Ledger:MaxAttachmentBytes</c>).
/// <paramref name="ProofCacheBytes"/> bounds the memory of the rounds' kept proof trees (<c>Ledger:ProofCacheBytes</c>,
/// <see cref="Draws.RoundProofTrees"/>).
/// </summary>
public sealed record LedgerSettings(
    string ConnectionString, string Schema, string KeyDirectory, string Origin, bool IntegrateInBackground,
    long MaxUploadBytes = LedgerSettings.DefaultMaxUploadBytes, string? OwnerConnectionString = null,
    long MaxAttachmentBytes = LedgerSettings.DefaultMaxAttachmentBytes, long ProofCacheBytes = LedgerSettings.DefaultProofCacheBytes)
{
    /// <summary>The embedded server's roles (scripts/postgres.sh creates them): the service's, and the schema owner's.</summary>
    public const string EmbeddedApplicationRole = "fairdraw_app", EmbeddedOwnerRole = "fairdraw_owner";

    /// <summary>512 MiB: room for the documented million-entity file (about 171 MB) as a raw body or a multipart upload.</summary>
    public const long DefaultMaxUploadBytes = 512L * 1024 * 1024;

    /// <summary>20 MiB: a scanned inspection record or a few photographs; below the server's limit for any other request.</summary>
    public const long DefaultMaxAttachmentBytes = 20L * 1024 * 1024;

    /// <summary>512 MiB: the proof trees of six or seven 300,000-member rounds (about 75 MB each, docs/performance.md).</summary>
    public const long DefaultProofCacheBytes = 512L * 1024 * 1024;

    /// <summary>The embedded PostgreSQL's loopback port (scripts/postgres.sh), unless FAIRDRAW_PG_PORT says another.</summary>
    public const int DefaultEmbeddedPort = 55432;

    public static LedgerSettings From(IConfiguration configuration)
    {
        var given = configuration["FAIRDRAW_DATABASE"] is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration.GetConnectionString("Ledger");
        var port = configuration["FAIRDRAW_PG_PORT"];
        return From(
            configuration,
            given ?? EmbeddedConnectionString(port, "fairdraw", EmbeddedApplicationRole),
            configuration["FAIRDRAW_OWNER_DATABASE"] is { Length: > 0 } owner ? owner
            : given is null ? EmbeddedConnectionString(port, "fairdraw", EmbeddedOwnerRole)
            : null);
    }

    private static LedgerSettings From(IConfiguration configuration, string connectionString, string? ownerConnectionString) => new(
        connectionString,
        configuration["Ledger:Schema"] ?? "ledger",
        configuration["Ledger:KeyDirectory"] is { Length: > 0 } keys
            ? Path.IsPathFullyQualified(keys)
                ? keys
                : throw new InvalidOperationException($"Ledger:KeyDirectory must be an absolute path, got '{keys}'")
            : DefaultKeyDirectory(),
        configuration["Ledger:Origin"] ?? "fair-draw-ledger.local/" + (configuration["Ledger:Schema"] ?? "ledger"),
        !string.Equals(configuration["Ledger:IntegrateInBackground"], "false", StringComparison.OrdinalIgnoreCase),
        Positive(configuration, "Ledger:MaxUploadBytes", DefaultMaxUploadBytes),
        ownerConnectionString,
        Positive(configuration, "Ledger:MaxAttachmentBytes", DefaultMaxAttachmentBytes),
        Positive(configuration, "Ledger:ProofCacheBytes", DefaultProofCacheBytes));

    private static long Positive(IConfiguration configuration, string key, long fallback) =>
        configuration.GetValue<long?>(key) is { } given
            ? given > 0 ? given : throw new InvalidOperationException($"{key} must be positive, got {given}")
            : fallback;

    /// <summary>
    /// The one connection string of the embedded server (scripts/postgres.sh starts it on <paramref name="port"/>,
    /// FAIRDRAW_PG_PORT, default 55432) for the run command's database or the tests' (<paramref name="database"/>), as
    /// <paramref name="user"/>.
    /// </summary>
    public static string EmbeddedConnectionString(string? port, string database, string user)
    {
        var number = string.IsNullOrEmpty(port) ? DefaultEmbeddedPort
            : ushort.TryParse(port, out var given) && given > 0 ? given
            : throw new InvalidOperationException($"FAIRDRAW_PG_PORT must be a port number, got '{port}'");
        return $"Host=127.0.0.1;Port={number};Username={user};Database={database}";
    }

    /// <summary>
    /// The project's <c>.local/keys</c>, found from the program's own folder (the project holds <c>Ledger.sln</c>): beside
    /// the embedded PostgreSQL's data but not inside a folder its OS user owns (scripts/postgres.sh), so that user cannot
    /// swap the keys.
    /// </summary>
    private static string DefaultKeyDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Ledger.sln")))
            {
                return Path.Combine(folder.FullName, ".local", "keys");
            }
        }

        throw new InvalidOperationException(
            $"no key folder: the program in {AppContext.BaseDirectory} is outside the project; set Ledger:KeyDirectory to an absolute path");
    }
}
