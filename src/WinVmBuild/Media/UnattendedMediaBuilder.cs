using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Media.AnswerFiles;

namespace WinVmBuild.Media;

/// <summary>
/// Makes the unattended install medium: checks the request, writes the secrets, the install script, quiet script (for
/// a quiet Windows), bootstrap script and marker file for the Cygwin CD, a copy of the answer file, and last the floppy or CD image holding the answer file. Every file
/// is published atomically; a bad request writes nothing. Files holding a password are readable by their owner only.
/// </summary>
public static class UnattendedMediaBuilder
{
    /// <summary>The volume label of the floppy and the CD.</summary>
    public const string VolumeLabel = "WINVMBUILD";

    public static async Task<UnattendedMedia> CreateAsync(UnattendedMediaRequest request, IBuildLog log, CancellationToken cancellationToken)
    {
        var image = Path.GetFullPath(request.OutputFile);
        var folder = Path.GetDirectoryName(image)!;
        var secretsFile = Beside(request.SecretsFile, InstallSecrets.FileName);
        var inputs = await UnattendedMediaInputs.ResolveAsync(request, secretsFile, cancellationToken).ConfigureAwait(false);
        var files = AnswerFileSet.Create(inputs);
        var result = new UnattendedMedia(
            image,
            Path.Combine(folder, files[0].Name),
            Beside(request.InstallScriptFile, InstallScript.FileName),
            Beside(request.BootstrapScriptFile, CygwinCd.BootstrapFileName),
            Beside(request.MarkerFile, CygwinCd.MarkerFileName),
            secretsFile)
        {
            QuietScriptFile = inputs.QuietWindows ? Beside(request.QuietScriptFile, QuietScript.FileName) : null,
        };

        log.Message($"Unattended media: {files[0].Name} for {inputs.Version} ({inputs.Firmware}) on a {request.MediaKind} image '{image}'.");
        await inputs.Secrets.WriteAsync(result.SecretsFile, cancellationToken).ConfigureAwait(false);
        await AtomicPublish.FileAsync(result.InstallScriptFile, temporary => File.WriteAllTextAsync(temporary, InstallScript.Create(inputs), cancellationToken)).ConfigureAwait(false);
        if (result.QuietScriptFile is { } quietScript)
        {
            await AtomicPublish.FileAsync(quietScript, temporary => File.WriteAllTextAsync(temporary, QuietScript.Create(inputs.Version), cancellationToken)).ConfigureAwait(false);
        }

        await PrivateFile.WriteTextAsync(result.BootstrapScriptFile, BootstrapScript.Create(inputs), cancellationToken).ConfigureAwait(false);
        await AtomicPublish.FileAsync(result.MarkerFile, temporary => File.WriteAllTextAsync(temporary, CygwinCd.MarkerContent(inputs.Version), cancellationToken)).ConfigureAwait(false);
        await PrivateFile.WriteTextAsync(result.AnswerFile, files[0].Text, cancellationToken).ConfigureAwait(false);
        await WriteImageAsync(files, image, request.MediaKind, cancellationToken).ConfigureAwait(false);
        log.Detail($"Wrote '{result.AnswerFile}', '{result.InstallScriptFile}', '{result.BootstrapScriptFile}', '{result.MarkerFile}' and '{result.SecretsFile}'.");
        return result;

        string Beside(string? path, string defaultName) => Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? Path.Combine(folder, defaultName) : path);
    }

    private static async Task WriteImageAsync(IReadOnlyList<MediaFile> files, string image, MediaKind kind, CancellationToken cancellationToken)
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
