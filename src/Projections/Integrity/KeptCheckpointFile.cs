using FairDraw.Ledger;

namespace FairDraw.Projections.Integrity;

/// <summary>Where the <see cref="KeptCheckpoint"/> lives: read whole, replaced atomically and durably.</summary>
public sealed class KeptCheckpointFile(string path)
{
    public string Path => path;

    /// <summary>The file of the ledger whose signing key is in <paramref name="keyDirectory"/>.</summary>
    public static KeptCheckpointFile In(string keyDirectory) => new(System.IO.Path.Combine(keyDirectory, KeptCheckpoint.FileName));

    /// <summary>The file's bytes, or null when there is none.</summary>
    public byte[]? Read()
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Replaces the file atomically and durably (<see cref="AtomicFile.Write"/>, owner-only); returns the bytes written.</summary>
    public byte[] Write(KeptCheckpoint checkpoint)
    {
        var bytes = checkpoint.ToBytes();
        AtomicFile.Write(path, bytes);
        return bytes;
    }
}
