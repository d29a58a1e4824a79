using WinVmBuild.Diagnostics;

namespace WinVmBuild.Stages;

/// <summary>
/// Copies what the guest returned (xchg/out) into the project's output folder. Names come from the guest, so
/// only plain files whose path stays inside the output folder are copied; anything else is refused. Links are
/// never followed, not even to look inside a linked folder: the guest could point one at any host file.
/// </summary>
internal static class GuestOutputs
{
    private static readonly EnumerationOptions OneLevel = new() { AttributesToSkip = 0 };

    public static IReadOnlyList<string> Collect(string returnedFolder, string outputFolder, IBuildLog log)
    {
        var collected = new List<string>();
        if (Directory.Exists(returnedFolder))
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder)) + Path.DirectorySeparatorChar;
            CollectFolder(new DirectoryInfo(returnedFolder), returnedFolder, root, log, collected);
        }

        return collected;
    }

    private static void CollectFolder(DirectoryInfo folder, string returnedFolder, string root, IBuildLog log, List<string> collected)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos("*", OneLevel))
        {
            var relative = Path.GetRelativePath(returnedFolder, entry.FullName);
            var target = Path.GetFullPath(Path.Combine(root, relative));

            // A Windows guest separates with '\': "..\x" is a name that leaves the folder there, whatever it is here.
            if (entry.LinkTarget is not null || relative.Split('/', '\\').Contains("..") || !target.StartsWith(root, StringComparison.Ordinal))
            {
                log.Warning(ErrorCodes.GuestOutputRefused, $"The guest returned '{relative}', which is not a plain file inside {root}: not copied.");
            }
            else if (entry is DirectoryInfo subfolder)
            {
                CollectFolder(subfolder, returnedFolder, root, log, collected);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(entry.FullName, target, overwrite: true);
                log.Message($"WinVmBuild: run: collected {target}");
                collected.Add(target);
            }
        }
    }
}
