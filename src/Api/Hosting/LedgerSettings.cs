namespace FairDraw.Api.Hosting;

/// <summary>
/// The host's settings, read once from configuration (appsettings, environment, command line).
/// <paramref name="MaxUploadBytes"/> is the largest request body an import endpoint takes (<c>Ledger:MaxUploadBytes</c>).
/// </summary>
public sealed record LedgerSettings(
    string ConnectionString, string Schema, string KeyDirectory, string Origin, bool IntegrateInBackground, long MaxUploadBytes = LedgerSettings.DefaultMaxUploadBytes)
{
    /// <summary>512 MiB: room for the documented million-entity file (about 171 MB) as a raw body or a multipart upload.</summary>
    public const long DefaultMaxUploadBytes = 512L * 1024 * 1024;

    /// <summary>The embedded default started by scripts/postgres.sh.</summary>
    public const string EmbeddedConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=fairdraw";

    public static LedgerSettings From(IConfiguration configuration) => new(
        configuration["FAIRDRAW_DATABASE"] is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration.GetConnectionString("Ledger") ?? EmbeddedConnectionString,
        configuration["Ledger:Schema"] ?? "ledger",
        configuration["Ledger:KeyDirectory"] ?? Path.Combine(Environment.CurrentDirectory, ".local", "keys"),
        configuration["Ledger:Origin"] ?? "fair-draw-ledger.local/" + (configuration["Ledger:Schema"] ?? "ledger"),
        !string.Equals(configuration["Ledger:IntegrateInBackground"], "false", StringComparison.OrdinalIgnoreCase),
        configuration.GetValue<long?>("Ledger:MaxUploadBytes") is { } max
            ? max > 0 ? max : throw new InvalidOperationException($"Ledger:MaxUploadBytes must be positive, got {max}")
            : DefaultMaxUploadBytes);
}
