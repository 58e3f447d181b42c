using System.Text.Encodings.Web;
using System.Text.Json;
using FairDraw.Ledger;
using FairDraw.Ledger.Integrity;

namespace FairDraw.Witness;

/// <summary>
/// The witness's state folder (0700): <c>witness.key</c>, <c>trusted-logs.json</c>, one record per log in
/// <c>logs/</c> and refused requests in <c>evidence/</c>. Its layout is a contract with readers outside this program
/// (docs/ledger-integrity.md, "Witnesses").
/// </summary>
internal sealed class StateFolder(string path)
{
    /// <summary>camelCase, indented, and no \u escapes of '+' or non-ASCII: the files are read by people too (not HTML).</summary>
    public static readonly JsonSerializerOptions Json =
        new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string KeyFile => System.IO.Path.Combine(Path, "witness.key");

    public string TrustedLogsFile => System.IO.Path.Combine(Path, "trusted-logs.json");

    public string Logs => System.IO.Path.Combine(Path, WitnessStateLayout.LogsFolder);

    public string Evidence => System.IO.Path.Combine(Path, "evidence");

    public string LogFile(string origin) => WitnessStateLayout.LogRecord(Path, origin);

    public void CreateFolders()
    {
        AtomicFile.CreateOwnerOnlyFolder(Path);
        AtomicFile.CreateOwnerOnlyFolder(Logs);
        AtomicFile.CreateOwnerOnlyFolder(Evidence);
    }

    public static byte[] Serialize<T>(T value) => [.. JsonSerializer.SerializeToUtf8Bytes(value, Json), (byte)'\n'];

    public static T Read<T>(string file) =>
        JsonSerializer.Deserialize<T>(File.ReadAllBytes(file), Json) ?? throw new InvalidDataException($"{file} holds null");
}
