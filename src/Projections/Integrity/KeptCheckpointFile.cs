using System.Runtime.InteropServices;

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

    /// <summary>
    /// Replaces the file: a new owner-only file in the same folder, flushed to disk, renamed over the old one, then the
    /// folder flushed so that the rename itself survives a crash. A reader sees the old file or the new one, never a
    /// part. Returns the bytes written.
    /// </summary>
    public byte[] Write(KeptCheckpoint checkpoint)
    {
        var bytes = checkpoint.ToBytes();
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var temporary = System.IO.Path.Combine(folder, $".{KeptCheckpoint.FileName}.{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        FlushFolder(folder);
        return bytes;
    }

    /// <summary>fsync(2) on the folder: .NET opens no handle on a directory, so through libc.</summary>
    private static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // NTFS journals the rename; Windows has no handle to flush a directory with
        }

        var descriptor = Posix.Open(folder, 0); // O_RDONLY, which a directory may be opened with
        if (descriptor < 0 || Posix.Fsync(descriptor) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (descriptor >= 0)
            {
                _ = Posix.Close(descriptor);
            }

            throw new IOException($"cannot flush the folder {folder} to disk (errno {error})");
        }

        _ = Posix.Close(descriptor);
    }

    private static class Posix
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int Fsync(int descriptor);

        [DllImport("libc", EntryPoint = "close")]
        public static extern int Close(int descriptor);
    }
}
