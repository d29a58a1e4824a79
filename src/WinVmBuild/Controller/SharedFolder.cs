using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Controller;

/// <summary>A host folder the controller serves to the guest as <c>\\192.168.0.2\&lt;Name&gt;</c>.</summary>
public sealed partial record SharedFolder
{
    /// <summary>The share every run has: command in, log, exit code and outputs out.</summary>
    public const string ExchangeName = "xchg";

    /// <summary>The share a build's project folder is served as.</summary>
    public const string ProjectName = "project";

    /// <summary>The names WinVmBuild gives its own shares, which a user's share cannot take.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = [ExchangeName, ProjectName];

    public SharedFolder(string name, string hostPath, bool readOnly)
    {
        CheckName(name);
        HostPath = Path.GetFullPath(hostPath);
        if (!Directory.Exists(HostPath))
        {
            throw new WinVmException(ErrorCodes.InputFileMissing, $"The folder '{HostPath}' to share as '{name}' does not exist.") { File = HostPath };
        }

        Name = name;
        ReadOnly = readOnly;
    }

    public string Name { get; }

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

    public string HostPath { get; }

    public bool ReadOnly { get; }

    /// <summary>
    /// Checks that <paramref name="shares"/> can be served together: no name twice (Windows compares them
    /// without case) and none named like the exchange share.
    /// </summary>
    public static void EnsureDistinct(IReadOnlyList<SharedFolder> shares)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ExchangeName };
        foreach (var share in shares.Where(share => !seen.Add(share.Name)))
        {
            throw new WinVmException(
                ErrorCodes.InvalidShareName,
                $"The share name '{share.Name}' is used twice or is reserved ('{ExchangeName}'); share names ignore case.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex NamePattern();
}
