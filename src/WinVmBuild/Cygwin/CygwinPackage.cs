namespace WinVmBuild.Cygwin;

/// <summary>One <c>@ name</c> stanza of setup.ini with every version section it lists.</summary>
public sealed class CygwinPackage
{
    public required string Name { get; init; }

    /// <summary>The one-line description (<c>sdesc:</c>), without its quotes.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>The long description (<c>ldesc:</c>), without its quotes; may span lines.</summary>
    public string Description { get; init; } = string.Empty;

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The text of a <c>message: &lt;id&gt; "&lt;text&gt;"</c> line, shown by setup when installing.</summary>
    public string? Message { get; init; }

    /// <summary>The 1-based line of the <c>@</c> line, for error messages.</summary>
    public int Line { get; init; }

    /// <summary>Every version section, in file order.</summary>
    public IReadOnlyList<PackageVersion> Versions { get; init; } = [];

    /// <summary>The curr version, or null when the stanza only has <c>[prev]</c>/<c>[test]</c> sections.</summary>
    public PackageVersion? Current => Versions.FirstOrDefault(v => v.Label == VersionLabel.Curr);

    /// <summary>True when <paramref name="category"/> is one of this package's, compared case-insensitively.</summary>
    public bool IsInCategory(string category) =>
        Categories.Any(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
