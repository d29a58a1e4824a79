using System.Globalization;
using System.Text.RegularExpressions;
using WinVmBuild.Host;

namespace WinVmBuild.Vm;

/// <summary>
/// The installed QEMU's version. A saved state loads only into a QEMU whose device models read it: a snapshot is keyed
/// by the major.minor version it was taken with, and a shared one names the full version too.
/// </summary>
public sealed partial record QemuVersion(int Major, int Minor, string Full)
{
    public string MajorMinor => $"{Major}.{Minor}";

    public static async Task<QemuVersion> ReadAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunCheckedAsync(
            new ProcessSpec(QemuMachine.Program, ["--version"]) { DebianPackage = "qemu-system-x86" }, cancellationToken).ConfigureAwait(false);
        return Parse(result.StandardOutput);
    }

    /// <summary>Reads "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)".</summary>
    public static QemuVersion Parse(string versionOutput)
    {
        var match = VersionPattern().Match(versionOutput);
        return match.Success
            ? new QemuVersion(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), match.Groups[0].Value)
            : throw new FormatException($"Not QEMU's version line: '{versionOutput.Split('\n')[0]}'");
    }

    [GeneratedRegex(@"(\d+)\.(\d+)(?:\.\d+)?")]
    private static partial Regex VersionPattern();
}
