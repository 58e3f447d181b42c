using System.Runtime.InteropServices;

namespace FairDraw.Ledger;

/// <summary>
/// Durable writes for state kept outside the database (the witness's state folder, the signer's kept checkpoint): a
/// reader (or a restart after a crash) sees the old file or the new one, never a torn one, and once a write returns it
/// survives a power cut — the witness answers 200, and the log stores a checkpoint, only after that.
/// </summary>
public static partial class AtomicFile
{
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>Temp file in the same folder, fsync, rename over the target, fsync the folder (so the rename is kept).</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            CreateFlushed(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        SyncFolder(folder);
    }

    /// <summary>Creates a file that must not exist yet (owner-only), fsynced, with its folder.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> content)
    {
        CreateFlushed(path, content);
        SyncFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Options for a file only its owner may read or write (0600), created with <paramref name="mode"/>.</summary>
    public static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    /// <summary>Creates the folder owner-only (0700), or tightens an existing one to that.</summary>
    public static void CreateOwnerOnlyFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnlyFolder).UnixFileMode = OwnerOnlyFolder;
    }

    private static void CreateFlushed(string path, ReadOnlySpan<byte> content)
    {
        using var stream = new FileStream(path, OwnerOnly(FileMode.CreateNew, FileAccess.Write));
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    private static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // NTFS journals the rename; there is no folder handle to flush.
        }

        const int readOnly = 0; // O_RDONLY, which opens a directory on every Unix (O_DIRECTORY's value differs by CPU)
        var descriptor = Open(folder, readOnly);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {folder} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of {folder} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
