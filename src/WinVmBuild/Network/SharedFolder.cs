using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Network;

/// <summary>A host folder the guest sees as the share <c>\\192.168.0.2\&lt;Name&gt;</c>, mounted at <c>/mnt/&lt;Name&gt;</c>.</summary>
public sealed partial record SharedFolder
{
    public SharedFolder(string name, string hostPath, bool readOnly)
    {
        CheckName(name);
        HostPath = Path.GetFullPath(hostPath);
        if (!Directory.Exists(HostPath))
        {
            throw new WinVmException(ErrorCodes.InputFileMissing, $"The folder '{HostPath}' to share as '{name}' does not exist.") { File = HostPath };
        }

        // smb.conf expands '%' and ends a value at the line's end: such a path cannot be written there.
        if (HostPath.IndexOfAny(['%', '\n', '\r']) >= 0)
        {
            throw new WinVmException(
                ErrorCodes.InvalidShareName,
                $"The folder '{HostPath}' cannot be shared: Samba cannot serve a path containing '%' or a line break. Share a folder without them.")
            {
                File = HostPath,
            };
        }

        Name = name;
        ReadOnly = readOnly;
    }

    public string Name { get; }

    public string HostPath { get; }

    public bool ReadOnly { get; }

    /// <summary>Refuses a name Samba and Windows cannot both use as a share name.</summary>
    public static void CheckName(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new WinVmException(
                ErrorCodes.InvalidShareName,
                $"'{name}' cannot be a share name: use 1 to 32 letters, digits, '_', '.' or '-', starting with a letter or digit.");
        }
    }

    /// <summary>Checks that <paramref name="shares"/> can be served together: no name twice (Windows compares them without case).</summary>
    public static void EnsureDistinct(IReadOnlyList<SharedFolder> shares)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var share in shares.Where(share => !seen.Add(share.Name)))
        {
            throw new WinVmException(ErrorCodes.DuplicateShareName, $"The share name '{share.Name}' is used twice; share names ignore case.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex NamePattern();
}
