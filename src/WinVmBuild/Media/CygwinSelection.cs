using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Media;

/// <summary>
/// The Cygwin packages an install gets, as the media stage resolved them: Windows' setup is given the names (it
/// resolves dependencies from the CD's setup.ini itself), the test guest unpacks the closure's archives.
/// </summary>
/// <param name="PackageNames">Distinct package names, in the closure's order.</param>
/// <param name="ArchivePaths">The closure's archives, by their install path on the CD, in the closure's order.</param>
public sealed partial record CygwinSelection(IReadOnlyList<string> PackageNames, IReadOnlyList<string> ArchivePaths)
{
    /// <summary>The name, when it can be a Cygwin package's (WVB0211).</summary>
    public static string CheckName(string name) =>
        PackageName().IsMatch(name)
            ? name
            : throw new WinVmException(ErrorCodes.CygwinPackagesInvalid, $"'{name}' is not a Cygwin package name (letters, digits and . _ + - only).");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex PackageName();
}
