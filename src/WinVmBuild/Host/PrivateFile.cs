using System.Text;

namespace WinVmBuild.Host;

/// <summary>
/// Writes a text file that holds a secret (a password, a product key): atomically, UTF-8 without BOM, and readable by
/// its owner only from the moment it exists, never widened afterwards.
/// </summary>
public static class PrivateFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A folder only its owner can enter.</summary>
    public const UnixFileMode FolderMode = Mode | UnixFileMode.UserExecute;

    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        AtomicPublish.FileAsync(path, async temporary =>
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Mode };
            await using var stream = new FileStream(temporary, options);
            await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
        });
}
