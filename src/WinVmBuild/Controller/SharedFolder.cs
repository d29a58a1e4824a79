using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Controller;

/// <summary>A host folder the controller serves to the guest as <c>\\192.168.0.2\&lt;Name&gt;</c>.</summary>
public sealed partial record SharedFolder
{
    /// <summary>The share every run has: command in, log, exit code and outputs out.</summary>
    public const string ExchangeName = "xchg";

    public SharedFolder(string name, string hostPath, bool readOnly)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new WinVmException(
                ErrorCodes.InvalidShareName,
                $"'{name}' cannot be a share name: use 1 to 32 letters, digits, '_', '.' or '-', starting with a letter or digit.");
        }

        HostPath = Path.GetFullPath(hostPath);
        if (!Directory.Exists(HostPath))
        {
            throw new WinVmException(ErrorCodes.InputFileMissing, $"The folder '{HostPath}' to share as '{name}' does not exist.") { File = HostPath };
        }

        Name = name;
        ReadOnly = readOnly;
    }

    public string Name { get; }

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
