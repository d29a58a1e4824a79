using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cache;

/// <summary>
/// What the stage cache's folder must offer before a build relies on it, each missing piece a coded error before any
/// VM starts: a folder the build can write (checked once per build, with the settings), where <c>flock</c> really
/// locks (two builds must never write one entry), and room for what a stage is about to write (checked by the stage).
/// </summary>
public static class CacheFolderCheck
{
    /// <summary>Throws WVB0410 when <paramref name="root"/> cannot be written, WVB0411 when <c>flock</c> does not lock there.</summary>
    public static void EnsureUsable(string root) => EnsureUsable(root, LocksExclude);

    /// <param name="locksExclude">Whether a lock taken on the probe file shuts out a second one (replaced by tests).</param>
    internal static void EnsureUsable(string root, Func<string, bool> locksExclude)
    {
        var probe = Path.Combine(root, $".probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(root);
            File.WriteAllBytes(probe, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinVmException(
                ErrorCodes.CacheFolderNotWritable,
                $"The cache folder '{root}' cannot be written ({e.Message}): every stage keeps its result there. " +
                "Set WinVmCacheDir to a folder you can write.") { File = root };
        }

        try
        {
            if (!locksExclude(probe))
            {
                throw new WinVmException(
                    ErrorCodes.CacheFolderWithoutLocks,
                    $"The cache folder '{root}' is on a file system where flock does not lock (some network file systems): two builds " +
                    "could write one cache entry at once. Set WinVmCacheDir to a folder on a local file system.") { File = root };
            }
        }
        finally
        {
            File.Delete(probe);
        }
    }

    /// <summary>Throws WVB0412 when the file system of <paramref name="root"/> has less than <paramref name="neededBytes"/> free.</summary>
    public static void EnsureSpace(string root, long neededBytes, string stage)
    {
        var free = FreeBytes(root);
        if (free < neededBytes)
        {
            throw new WinVmException(
                ErrorCodes.CacheFolderFull,
                $"The cache folder '{root}' has {free >> 20} MB free; the {stage} stage needs at least {neededBytes >> 20} MB there. " +
                "Free space on that file system, or set WinVmCacheDir to a folder on another one.") { File = root };
        }
    }

    /// <summary>The bytes this user can still write on the file system of <paramref name="path"/>.</summary>
    public static long FreeBytes(string path) => new DriveInfo(path).AvailableFreeSpace;

    // On Unix, .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None, and ignores a file system that refuses flock:
    // only a second lock that succeeds shows it.
    private static bool LocksExclude(string path)
    {
        using var first = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        try
        {
            using var second = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
