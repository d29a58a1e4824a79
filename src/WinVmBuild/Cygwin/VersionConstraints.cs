using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>
/// What the dependencies met so far demand of each package's version, and the version choice that follows. A
/// dependency on the package's own name demands its version range; one on a name the package provides demands a
/// version that lists that name in <c>provides:</c> (or <c>obsoletes:</c>). Cygwin's provides carry no version,
/// so the range of a versioned dependency on a provided name is not checked.
/// </summary>
internal sealed class VersionConstraints
{
    private readonly Dictionary<string, List<(Dependency Dependency, string Requester)>> _byPackage = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="dependency"/>, met by <paramref name="package"/>, limits its versions.</summary>
    public static bool Constrains(CygwinPackage package, Dependency dependency) =>
        dependency.Name != package.Name || dependency.Bound is not null;

    public static bool Accepts(CygwinPackage package, Dependency dependency, PackageVersion version) =>
        dependency.Name == package.Name
            ? dependency.AcceptsVersion(version.Version)
            : version.Provides.Contains(dependency.Name) || version.Obsoletes.Contains(dependency.Name);

    /// <summary>Records a constraint on <paramref name="package"/>; false when it was already known.</summary>
    public bool Add(CygwinPackage package, Dependency dependency, string requester)
    {
        if (!_byPackage.TryGetValue(package.Name, out var list))
        {
            _byPackage[package.Name] = list = [];
        }

        if (list.Any(c => c.Dependency == dependency))
        {
            return false;
        }

        list.Add((dependency, requester));
        return true;
    }

    /// <summary>Curr when it meets every constraint, else the highest installable version that does.</summary>
    public PackageVersion Choose(CygwinPackage package, string requester)
    {
        var known = _byPackage.GetValueOrDefault(package.Name) ?? [];
        var acceptable = package.Versions
            .Where(v => v.Install is not null && known.All(c => Accepts(package, c.Dependency, v)))
            .ToList();
        if (acceptable.Count == 0)
        {
            var asked = known.Count == 0
                ? $"asked for by {requester}"
                : "required as " + string.Join(", ", known.Select(c => $"'{c.Dependency}' by {c.Requester}"));
            var available = string.Join(", ", package.Versions.Where(v => v.Install is not null));
            throw new WinVmException(
                ErrorCodes.CygwinDependencyUnsatisfiable,
                $"No version of Cygwin package '{package.Name}' satisfies every constraint: {asked}. Available: {available}.");
        }

        return acceptable.FirstOrDefault(v => v.Label == VersionLabel.Curr) ?? acceptable.MaxBy(v => v.Version)!;
    }
}
