namespace WinVmBuild.Cygwin;

/// <summary>
/// A package for <see cref="LocalMirror"/>: its stanza fields and its files, each a host file and the path it gets
/// inside the package (<c>/usr/bin/make</c> -&gt; <c>usr/bin/make</c>).
/// </summary>
public sealed record MirrorPackage(
    string Name,
    string Version,
    string Category,
    IReadOnlyList<string> Depends,
    IReadOnlyList<RepositoryFile> Files)
{
    /// <summary>The one-line description; the name when empty.</summary>
    public string Summary { get; init; } = string.Empty;
}
