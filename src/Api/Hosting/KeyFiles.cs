using System.Security.Cryptography;

namespace FairDraw.Api.Hosting;

/// <summary>Signing keys kept in files outside the database: ECDSA P-256, PKCS#8 PEM, created on first use with owner-only permissions.</summary>
public static class KeyFiles
{
    public static ECDsa LoadOrCreateEcdsa(string path)
    {
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use that one.
            key.ImportFromPem(File.ReadAllText(path));
        }

        return key;
    }
}
