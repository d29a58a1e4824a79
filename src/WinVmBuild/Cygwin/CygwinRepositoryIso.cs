using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Cygwin;

/// <summary>
/// The CD Cygwin's setup installs from offline: <c>&lt;arch&gt;/setup.ini</c> (plain text, as setup reads it), the
/// archives at their <c>install:</c> paths, the architecture's setup program at the root, and extra files such as the
/// install and bootstrap scripts and the marker file the guest finds the drive by. Joliet names are long enough for
/// Cygwin's 70-character archive names.
/// </summary>
public static class CygwinRepositoryIso
{
    public static async Task BuildAsync(
        string setupIni,
        IReadOnlyList<RepositoryFile> archives,
        string? setupExe,
        IReadOnlyList<RepositoryFile> extraFiles,
        string outputFile,
        string volumeId,
        CygwinArchitecture architecture,
        CancellationToken cancellationToken)
    {
        var setupExeName = architecture.SetupProgram();
        var setupIniPath = $"{architecture.Folder()}/setup.ini";
        // Windows runs setup from the ISO; the test guest unpacks the archives itself and needs none.
        if (!string.IsNullOrEmpty(setupExe) && !File.Exists(setupExe))
        {
            throw new WinVmException(
                ErrorCodes.InputFileMissing,
                $"Cygwin's {setupExeName} is needed for the repository ISO but '{setupExe}' does not exist. Download it from https://cygwin.com/{setupExeName}.");
        }

        var setup = string.IsNullOrEmpty(setupExe) ? [] : new[] { new RepositoryFile(setupExe, setupExeName) };
        var files = archives.Concat(setup).Concat(extraFiles).ToList();
        CheckTargets(files.Select(f => f.TargetPath).Append(setupIniPath));

        var staging = AtomicPublish.TemporaryPathFor(outputFile);
        try
        {
            await SetupIniFile.DecompressAsync(setupIni, Path.Combine(staging, setupIniPath), cancellationToken).ConfigureAwait(false);
            foreach (var file in files)
            {
                if (!File.Exists(file.SourcePath))
                {
                    throw new WinVmException(ErrorCodes.InputFileMissing, $"'{file.SourcePath}' (for '{file.TargetPath}' on the Cygwin ISO) does not exist.");
                }

                FileLinker.LinkOrCopy(file.SourcePath, Path.Combine(staging, file.TargetPath));
            }

            await Xorriso.CreateImageAsync(staging, outputFile, volumeId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Relative, inside the image, and each used once (ignoring case: Windows reads Joliet names so).</summary>
    private static void CheckTargets(IEnumerable<string> targets)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in targets)
        {
            var parts = target.Split('/');
            if (target.Length == 0 || Path.IsPathRooted(target) || parts.Any(p => p is "" or "." or ".."))
            {
                throw new WinVmException(ErrorCodes.CygwinRepositoryPathInvalid, $"'{target}' is not a relative path inside the Cygwin ISO (like 'bootstrap.sh' or 'x86_64/release/a/a-1.tar.xz').");
            }

            if (!seen.Add(target))
            {
                throw new WinVmException(ErrorCodes.CygwinRepositoryPathInvalid, $"'{target}' is given twice for the Cygwin ISO.");
            }
        }
    }
}
