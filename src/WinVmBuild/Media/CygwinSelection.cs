using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Media;

/// <summary>
/// The Cygwin packages an install asks for, read from <see cref="CygwinPackageItem"/>s of either kind: Windows' setup
/// needs package names (it resolves dependencies from setup.ini itself), the test guest needs the closure's archives.
/// </summary>
public sealed partial class CygwinSelection
{
    /// <summary>The bootstrap script runs ssh-host-config and cygrunsrv: openssh (which depends on both) is always installed.</summary>
    public const string SshPackage = "openssh";

    private CygwinSelection(IReadOnlyList<string> packageNames, IReadOnlyList<string> archivePaths)
    {
        PackageNames = packageNames;
        ArchivePaths = archivePaths;
    }

    /// <summary>Distinct package names in item order, <see cref="SshPackage"/> included: what setup's --packages gets.</summary>
    public IReadOnlyList<string> PackageNames { get; }

    /// <summary>Install paths of the items that are archives, in item order (the closure's order).</summary>
    public IReadOnlyList<string> ArchivePaths { get; }

    public static CygwinSelection From(IEnumerable<CygwinPackageItem> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            throw Invalid("No CygwinPackages were given. Add at least the packages your build needs (openssh is added for you).");
        }

        var archives = new List<string>();
        var names = new List<string>();
        foreach (var item in list)
        {
            var isArchive = item.ItemSpec.Contains('/');
            if (isArchive)
            {
                archives.Add(CheckedArchivePath(item.ItemSpec));
            }

            names.Add(CheckName(string.IsNullOrWhiteSpace(item.Package) ? NameOf(item.ItemSpec, isArchive) : item.Package.Trim()));
        }

        names.Add(SshPackage);
        return new CygwinSelection(names.Distinct(StringComparer.Ordinal).ToList(), archives);
    }

    /// <summary>The test guest installs archives, not names: every item must be one.</summary>
    public void RequireArchives()
    {
        if (ArchivePaths.Count == 0)
        {
            throw Invalid("The test guest installs the closure's archives: pass the closure's items (ItemSpec = install path such as x86_64/release/make/make-4.4.1-2.tar.xz), not package names.");
        }
    }

    private static string NameOf(string itemSpec, bool isArchive) =>
        isArchive
            ? throw Invalid($"The archive item '{itemSpec}' has no Package metadata; the closure's items carry it.")
            : itemSpec.Trim();

    /// <summary>The name, when it can be a Cygwin package's (WVB0211).</summary>
    public static string CheckName(string name) =>
        PackageName().IsMatch(name)
            ? name
            : throw Invalid($"'{name}' is not a Cygwin package name (letters, digits and . _ + - only).");

    private static string CheckedArchivePath(string path) =>
        ArchivePath().IsMatch(path) && !path.Split('/').Contains("..")
            ? path
            : throw Invalid($"'{path}' is not an archive install path such as x86_64/release/make/make-4.4.1-2.tar.xz.");

    private static WinVmException Invalid(string message) => new(ErrorCodes.CygwinPackagesInvalid, message);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"^[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)+\.tar\.(xz|bz2|gz|zst)$")]
    private static partial Regex ArchivePath();
}
