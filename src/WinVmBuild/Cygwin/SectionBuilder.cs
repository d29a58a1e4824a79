namespace WinVmBuild.Cygwin;

/// <summary>Collects the lines of one version section (curr, <c>[prev]</c> or <c>[test]</c>).</summary>
internal sealed class SectionBuilder(VersionLabel label, SetupIniParser.LineContext at)
{
    private string? _version;
    private InstallArchive? _install;
    private IReadOnlyList<Dependency>? _depends2;
    private IReadOnlyList<Dependency>? _requires;
    private IReadOnlyList<string> _provides = [];
    private IReadOnlyList<string> _obsoletes = [];
    private IReadOnlyList<Dependency> _conflicts = [];

    public void Set(ReadOnlySpan<char> key, ReadOnlySpan<char> value, SetupIniParser.LineContext lineAt)
    {
        switch (key)
        {
            case "version":
                _version = value.ToString();
                break;
            case "install":
                _install = SetupIniValues.ParseArchive(value, lineAt);
                break;
            case "depends2":
                _depends2 = SetupIniValues.ParseDependencies(value, lineAt);
                break;
            case "requires":
                _requires = SetupIniValues.ParseNames(value).Select(name => new Dependency(name)).ToList();
                break;
            case "provides":
                _provides = SetupIniValues.ParseDependencies(value, lineAt).Select(d => d.Name).ToList();
                break;
            case "obsoletes":
                _obsoletes = SetupIniValues.ParseDependencies(value, lineAt).Select(d => d.Name).ToList();
                break;
            case "conflicts":
                _conflicts = SetupIniValues.ParseDependencies(value, lineAt);
                break;
            default:
                // Keys installing does not need (source, build-depends, replace-versions, ...) or does not know yet are ignored, as setup does.
                break;
        }
    }

    /// <summary>The section as a version, or null for a section with nothing in it.</summary>
    public PackageVersion? Build(IReadOnlyList<Dependency> inheritedDepends)
    {
        if (_version is null)
        {
            return _install is null
                ? null
                : throw at.Error("This version section has an install: line but no version: line.");
        }

        return new PackageVersion
        {
            Label = label,
            Version = Evr.Parse(_version),
            Install = _install,
            Depends = _depends2 ?? _requires ?? inheritedDepends,
            Provides = _provides,
            Obsoletes = _obsoletes,
            Conflicts = _conflicts,
        };
    }
}
