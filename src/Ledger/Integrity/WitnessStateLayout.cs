using System.Security.Cryptography;
using System.Text;

namespace FairDraw.Ledger.Integrity;

/// <summary>
/// Where a witness keeps the last checkpoint it cosigned for a log inside its state folder (docs/ledger-integrity.md,
/// "The state folder"): the witness writes there and an auditor's verify-ledger reads there.
/// </summary>
public static class WitnessStateLayout
{
    public const string LogsFolder = "logs";

    /// <summary>The first 16 lowercase hex digits of SHA-256 of the UTF-8 origin: a file name for any origin line.</summary>
    public static string OriginId(string origin) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin)))[..16];

    /// <summary><c>&lt;state folder&gt;/logs/&lt;origin id&gt;.json</c>.</summary>
    public static string LogRecord(string stateFolder, string origin) =>
        Path.Combine(stateFolder, LogsFolder, OriginId(origin) + ".json");
}
