namespace WinVmBuild.Cygwin;

/// <summary>One version section of a stanza: the first (curr) or a <c>[prev]</c> / <c>[test]</c> one.</summary>
public sealed class PackageVersion
{
    public required VersionLabel Label { get; init; }

    public required Evr Version { get; init; }

    /// <summary>The binary archive, or null when the section cannot be installed (a <c>-src</c> stanza).</summary>
    public InstallArchive? Install { get; init; }

    /// <summary>From <c>depends2:</c>, else <c>requires:</c>, else inherited from the section before.</summary>
    public IReadOnlyList<Dependency> Depends { get; init; } = [];

    public IReadOnlyList<string> Provides { get; init; } = [];

    public IReadOnlyList<string> Obsoletes { get; init; } = [];

    public IReadOnlyList<Dependency> Conflicts { get; init; } = [];

    public override string ToString() => $"{Version} [{Label.ToString().ToLowerInvariant()}]";
}
