using System.Security.Cryptography;

namespace FairDraw.Api.Access;

/// <summary>
/// The service's two signing keys, ECDSA P-256 in PKCS#8 PEM files outside the database: the ledger's checkpoint key and
/// the token key. They live in one configured absolute folder (<see cref="Hosting.LedgerSettings.KeyDirectory"/>) and only
/// <c>init-keys</c> creates them: a server or verb that finds a key missing stops with <see cref="MissingKeyMessage"/>,
/// since a key made on the side would sign checkpoints no one can verify and tokens the server refuses.
/// </summary>
public static class SigningKeys
{
    public const string LedgerKey = "ledger-signing.pem";
    public const string TokenKey = "token-signing.pem";

    /// <summary>
    /// The verbs that read no key, so that they (and the one that creates the keys) run before <c>init-keys</c>;
    /// <c>verify-ledger</c> takes the public verifier key on its command line, so an auditor runs it without the keys.
    /// </summary>
    private static readonly string[] KeyFreeVerbs = ["init-keys", "migrate", "demo-csv", "verify-directories", "verify-ledger", "verify-duty", "help", "?"];

    private static readonly string[] Keys = [LedgerKey, TokenKey];

    public static ECDsa Load(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(MissingKeyMessage(directory, [file]));
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    /// <summary>The keys <paramref name="args"/> (a verb, or none for the server) need and the folder lacks.</summary>
    public static IReadOnlyList<string> MissingFor(string[] args, string directory) =>
        args.Length > 0 && KeyFreeVerbs.Contains(args[0], StringComparer.OrdinalIgnoreCase)
            ? []
            : [.. Keys.Where(file => !File.Exists(Path.Combine(directory, file)))];

    /// <summary>
    /// One line when the folder of the keys <paramref name="args"/> need is open to other users (group or other mode
    /// bits, e.g. loosened after <c>init-keys</c> made it 0700): another OS user, PostgreSQL's included, could then read
    /// or swap the keys. Null when it is owner-only, or when no key is needed.
    /// </summary>
    public static string? ExposedFolderMessage(string[] args, string directory)
    {
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (OperatingSystem.IsWindows() || (args.Length > 0 && KeyFreeVerbs.Contains(args[0], StringComparer.OrdinalIgnoreCase))
            || (File.GetUnixFileMode(directory) & others) == 0)
        {
            return null;
        }

        var mode = Convert.ToString((int)File.GetUnixFileMode(directory), 8);
        return $"签名密钥目录对其他用户开放 / the key folder {directory} is open to other users ({mode}): " +
            $"make it the service user's alone with `chmod 700 {directory}`";
    }

    public static string MissingKeyMessage(string directory, IEnumerable<string> files) =>
        $"签名密钥缺失 / signing key missing: {string.Join(", ", files)} in {directory}; " +
        "create the keys once with `dotnet src/Api/bin/Release/net10.0/FairDraw.Api.dll init-keys` (scripts/run.sh does)";

    /// <summary>
    /// The first-run step: creates the folder (owner-only, 0700) and each missing key (0600), keeping the keys that exist.
    /// Returns the keys it created.
    /// </summary>
    public static IReadOnlyList<string> Initialise(string directory)
    {
        var folder = Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        var created = new List<string>();
        foreach (var file in Keys.Where(file => !File.Exists(Path.Combine(directory, file))))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(Path.Combine(directory, file), options);
            writer.Write(key.ExportPkcs8PrivateKeyPem());
            created.Add(file);
        }

        return created;
    }
}
