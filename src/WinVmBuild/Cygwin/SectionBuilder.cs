namespace WinVmBuild.Cygwin;

/// <summary>Collects the lines of one version section (curr, <c>[prev]</c> or <c>[test]</c>), already checked by the parser.</summary>
internal sealed class SectionBuilder(VersionLabel label)
{
    private string? _version;
    private InstallArchive? _install;
    private IReadOnlyList<Dependency>? _depends2;
    private IReadOnlyList<Dependency>? _requires;
    private IReadOnlyList<string> _provides = [];
    private IReadOnlyList<string> _obsoletes = [];
    private IReadOnlyList<Dependency> _conflicts = [];

    public void Set(SetupIniKey key, SetupIniValue value, SetupIniParser.LineContext at)
    {
        switch (key)
        {
            case SetupIniKey.Version:
                _version = value.ToString();
                break;
            case SetupIniKey.Install:
                _install = SetupIniValues.ParseArchive(value.ToString(), at);
                break;
            case SetupIniKey.Depends2:
                _depends2 = SetupIniValues.ParseDependencies(value.ToString(), at);
                break;
            case SetupIniKey.Requires:
                _requires = SetupIniValues.ParseNames(value.ToString()).Select(name => new Dependency(name)).ToList();
                break;
            case SetupIniKey.Provides:
                _provides = SetupIniValues.ParseDependencyNames(value.ToString(), at);
                break;
            case SetupIniKey.Obsoletes:
                _obsoletes = SetupIniValues.ParseDependencyNames(value.ToString(), at);
                break;
            case SetupIniKey.Conflicts:
                _conflicts = SetupIniValues.ParseDependencies(value.ToString(), at);
                break;
            default:
                // Keys installing does not need (source, build-depends, replace-versions, ...) or does not know yet are ignored, as setup does.
                break;
        }
    }

    /// <summary>The section as a version, or null for a section with nothing in it.</summary>
    public PackageVersion? Build(IReadOnlyList<Dependency> inheritedDepends) => _version is null
        ? null
        : new PackageVersion
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
