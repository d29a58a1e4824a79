using WinVmBuild.Diagnostics;

namespace WinVmBuild.Host;

/// <summary>
/// Writes a file or folder under a temporary name beside its final path, verifies it, then renames it
/// into place. A failure at any point deletes the temporary, so no reader ever sees half a result.
/// </summary>
public static class AtomicPublish
{
    /// <summary>
    /// Produces <paramref name="finalPath"/> through <paramref name="write"/>, which receives the temporary
    /// path to write. An existing final file is replaced.
    /// </summary>
    public static async Task FileAsync(string finalPath, Func<string, Task> write)
    {
        var temporary = TemporaryPathFor(finalPath);
        try
        {
            await write(temporary).ConfigureAwait(false);
            File.Move(temporary, finalPath, overwrite: true);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new WinVmException(ErrorCodes.WriteFailed, $"Could not write '{finalPath}': {e.Message}", e) { File = finalPath };
        }
        finally
        {
            DeleteQuietly(temporary);
        }
    }

    /// <summary>
    /// Produces the folder <paramref name="finalPath"/> through <paramref name="write"/>, which receives an
    /// empty temporary folder to fill. When another writer published the same folder first, theirs is kept.
    /// </summary>
    public static async Task DirectoryAsync(string finalPath, Func<string, Task> write)
    {
        var temporary = TemporaryPathFor(finalPath);
        Directory.CreateDirectory(temporary);
        try
        {
            await write(temporary).ConfigureAwait(false);
            if (!Directory.Exists(finalPath))
            {
                Directory.Move(temporary, finalPath);
            }
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new WinVmException(ErrorCodes.WriteFailed, $"Could not write '{finalPath}': {e.Message}", e) { File = finalPath };
        }
        finally
        {
            DeleteQuietly(temporary);
        }
    }

    /// <summary>
    /// Deletes what writers of <paramref name="finalPath"/> that died before finishing (a build killed with SIGKILL)
    /// left under their temporary names. Only for a caller that holds <paramref name="finalPath"/>'s lock, so that no
    /// live writer's temporary is deleted.
    /// </summary>
    public static void DeleteAbandoned(string finalPath)
    {
        var full = Path.GetFullPath(finalPath);
        var folder = Path.GetDirectoryName(full)!;
        if (Directory.Exists(folder))
        {
            foreach (var temporary in Directory.EnumerateFileSystemEntries(folder, $".{Path.GetFileName(full)}.*.tmp"))
            {
                DeleteQuietly(temporary);
            }
        }
    }

    /// <summary>A unique hidden name in the same folder, so the final rename never crosses file systems.</summary>
    public static string TemporaryPathFor(string finalPath)
    {
        var full = Path.GetFullPath(finalPath);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary is hidden and never read as a result.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
