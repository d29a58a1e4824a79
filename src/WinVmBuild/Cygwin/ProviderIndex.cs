namespace WinVmBuild.Cygwin;

/// <summary>
/// Which installable package stands for a name: the package of that name, else the packages listing it in
/// <c>provides:</c>, else those listing it in <c>obsoletes:</c> (a renamed package), as setup resolves names.
/// </summary>
internal sealed class ProviderIndex
{
    private readonly SetupIni _setupIni;
    private readonly Dictionary<string, List<CygwinPackage>> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CygwinPackage>> _obsoleters = new(StringComparer.Ordinal);

    public ProviderIndex(SetupIni setupIni)
    {
        _setupIni = setupIni;
        foreach (var package in setupIni.Packages.Values.Where(IsInstallable))
        {
            foreach (var version in package.Versions)
            {
                AddAll(_providers, version.Provides, package);
                AddAll(_obsoleters, version.Obsoletes, package);
            }
        }
    }

    public static bool IsInstallable(CygwinPackage package) => package.Versions.Any(v => v.Install is not null);

    /// <summary>The candidates for <paramref name="name"/>, sorted by name; empty when nothing provides it.</summary>
    public IReadOnlyList<CygwinPackage> Find(string name)
    {
        if (_setupIni.Packages.TryGetValue(name, out var package) && IsInstallable(package))
        {
            return [package];
        }

        return _providers.GetValueOrDefault(name) ?? _obsoleters.GetValueOrDefault(name) ?? (IReadOnlyList<CygwinPackage>)[];
    }

    private static void AddAll(Dictionary<string, List<CygwinPackage>> index, IReadOnlyList<string> names, CygwinPackage package)
    {
        foreach (var name in names)
        {
            if (!index.TryGetValue(name, out var list))
            {
                index[name] = list = [];
            }

            if (!list.Contains(package))
            {
                list.Add(package);
                list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            }
        }
    }
}
