using WinVmBuild.Host;

namespace WinVmBuild.Media;

/// <summary>
/// The image that carries a guest's answer files: a 1.44 MB FAT floppy (mtools), or a small ISO 9660 CD (xorriso) for
/// firmware and setups that read no floppy. Published atomically, readable by its owner only: the files hold passwords.
/// </summary>
public static class AnswerMedium
{
    /// <summary>The volume label of the floppy and the CD.</summary>
    public const string VolumeLabel = "WINVMBUILD";

    /// <summary>Writes <paramref name="files"/> at the root of a new <paramref name="kind"/> image <paramref name="image"/>.</summary>
    public static async Task WriteAsync(IReadOnlyList<MediaFile> files, string image, MediaKind kind, CancellationToken cancellationToken)
    {
        var staging = AtomicPublish.TemporaryPathFor(image);
        Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            foreach (var file in files)
            {
                await PrivateFile.WriteTextAsync(Path.Combine(staging, file.Name), file.Text, cancellationToken).ConfigureAwait(false);
            }

            if (kind == MediaKind.Cd)
            {
                await Xorriso.CreateImageAsync(staging, image, VolumeLabel, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await AtomicPublish.FileAsync(image, async temporary =>
                {
                    await Mtools.FormatFloppyAsync(temporary, VolumeLabel, cancellationToken).ConfigureAwait(false);
                    File.SetUnixFileMode(temporary, PrivateFile.Mode);
                    foreach (var file in files)
                    {
                        await Mtools.CopyToAsync(temporary, Path.Combine(staging, file.Name), file.Name, cancellationToken).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
