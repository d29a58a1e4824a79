namespace WinVmBuild.Cygwin;

/// <summary>
/// Which installable package stands for a name: the package of that name, else the packages listing it in
/// <c>provides:</c>, else those listing it in <c>obsoletes:</c> (a renamed package), as setup resolves names.
/// </summary>
internal sealed class ProviderIndex(SetupIni setupIni)
{
    /// <summary>The candidates for <paramref name="name"/>, sorted by name; empty when nothing provides it.</summary>
    public IReadOnlyList<CygwinPackage> Find(string name)
    {
        var stanzas = setupIni.Stanzas;
        if (stanzas.TryFind(name, out var stanza) && stanzas[stanza].IsInstallable)
        {
            return [setupIni.PackageAt(stanza)];
        }

        var providers = Installable(stanzas.Providing(name));
        return providers.Count > 0 ? providers : Installable(stanzas.Obsoleting(name));
    }

    private List<CygwinPackage> Installable(IReadOnlyList<int> candidates) => candidates
        .Where(stanza => setupIni.Stanzas[stanza].IsInstallable)
        .Select(setupIni.PackageAt)
        .OrderBy(package => package.Name, StringComparer.Ordinal)
        .ToList();
}
