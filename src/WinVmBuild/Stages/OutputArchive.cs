using System.Formats.Tar;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Stages;

/// <summary>
/// Unpacks the tar stream of declared outputs the guest sends back into the project's output folder. Names come from
/// the guest, so only plain files and folders whose path stays inside the output folder are written; links, devices
/// and paths that climb out are refused with a warning: the guest could point one at any host file.
/// </summary>
internal static class OutputArchive
{
    public static async Task<IReadOnlyList<string>> ExtractAsync(Stream archive, string outputFolder, IBuildLog log, CancellationToken cancellationToken)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder)) + Path.DirectorySeparatorChar;
        var collected = new List<string>();
        await using var reader = new TarReader(archive, leaveOpen: true);
        while (await NextEntryAsync(reader, root, log, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var name = entry.Name.TrimEnd('/');
            var target = Path.GetFullPath(Path.Combine(root, name));

            // A Windows guest separates with '\': "..\x" is a name that leaves the folder there, whatever it is here.
            var plain = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.Directory;
            if (!plain || name.Length == 0 || Path.IsPathRooted(name) || name.Split('/', '\\').Contains("..")
                || !target.StartsWith(root, StringComparison.Ordinal))
            {
                log.Warning(ErrorCodes.GuestOutputRefused, $"The guest returned '{entry.Name}' ({entry.EntryType}), which is not a plain file inside {root}: not copied.");
                continue;
            }

            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(target);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var file = new FileStream(target, FileMode.Create, FileAccess.Write))
            {
                if (entry.DataStream is { } data)
                {
                    await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }

            log.Message($"WinVmBuild: run: collected {target}");
            collected.Add(target);
        }

        return collected;
    }

    /// <summary>The next entry, or null at the archive's end or where it breaks off (said in a warning: the guest sent less).</summary>
    private static async Task<TarEntry?> NextEntryAsync(TarReader reader, string root, IBuildLog log, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException)
        {
            log.Warning(ErrorCodes.GuestOutputRefused, $"The guest's archive of outputs broke off ({e.Message}): what followed was not copied into {root}.");
            return null;
        }
    }
}
