using WinVmBuild.Diagnostics;

namespace WinVmBuild.Stages;

/// <summary>
/// Copies what the guest returned (xchg/out) into the project's output folder. Names come from the guest, so
/// only plain files whose path stays inside the output folder are copied; anything else is refused.
/// </summary>
internal static class GuestOutputs
{
    public static IReadOnlyList<string> Collect(string returnedFolder, string outputFolder, IBuildLog log)
    {
        var collected = new List<string>();
        if (!Directory.Exists(returnedFolder))
        {
            return collected;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder)) + Path.DirectorySeparatorChar;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        foreach (var file in new DirectoryInfo(returnedFolder).EnumerateFileSystemInfos("*", options))
        {
            var relative = Path.GetRelativePath(returnedFolder, file.FullName);
            var target = Path.GetFullPath(Path.Combine(root, relative));
            if (file.LinkTarget is not null || !target.StartsWith(root, StringComparison.Ordinal))
            {
                log.Warning(ErrorCodes.GuestOutputRefused, $"The guest returned '{relative}', which is not a plain file inside {root}: not copied.");
                continue;
            }

            if (file is FileInfo)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file.FullName, target, overwrite: true);
                log.Message($"WinVmBuild: run: collected {target}");
                collected.Add(target);
            }
        }

        return collected;
    }
}
