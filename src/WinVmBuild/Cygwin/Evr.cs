namespace WinVmBuild.Cygwin;

/// <summary>
/// A package version as RPM and Cygwin's setup compare them: <c>epoch:version-release</c>, the release being
/// everything after the last <c>-</c>. Segments compare as numbers or letters, and <c>~</c> sorts before anything
/// (so <c>1.0~rc1</c> comes before <c>1.0</c>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design",
    "CA1036",
    Justification = "Versions are ordered, not equal: 1.0 and 0:1.0 compare as the same version yet are different texts, so == would mislead.")]
public sealed class Evr : IComparable<Evr>
{
    private Evr(string text, int epoch, string version, string? release)
    {
        Text = text;
        Epoch = epoch;
        Version = version;
        Release = release;
    }

    /// <summary>The version as written in setup.ini.</summary>
    public string Text { get; }

    public int Epoch { get; }

    public string Version { get; }

    /// <summary>The release, or null when the text has no <c>-</c> (a constraint on the version only).</summary>
    public string? Release { get; }

    public static Evr Parse(string text)
    {
        var epoch = 0;
        var rest = text;
        var colon = text.IndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(0, colon), out var parsedEpoch))
        {
            epoch = parsedEpoch;
            rest = text[(colon + 1)..];
        }

        var dash = rest.LastIndexOf('-');
        return dash < 0
            ? new Evr(text, epoch, rest, null)
            : new Evr(text, epoch, rest[..dash], rest[(dash + 1)..]);
    }

    /// <summary>Full comparison: epoch, then version, then release (a missing release sorts first).</summary>
    public int CompareTo(Evr? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byEpochAndVersion = CompareEpochAndVersion(other);
        if (byEpochAndVersion != 0 || (Release is null && other.Release is null))
        {
            return byEpochAndVersion;
        }

        if (Release is null || other.Release is null)
        {
            return Release is null ? -1 : 1;
        }

        return RpmVersionComparer.Compare(Release, other.Release);
    }

    /// <summary>
    /// How this version compares to a constraint's <paramref name="bound"/>: when the bound has no release, only
    /// epoch and version count, as in RPM (<c>make &gt;= 4.4</c> accepts <c>4.4-1</c>).
    /// </summary>
    public int CompareToBound(Evr bound)
    {
        var byEpochAndVersion = CompareEpochAndVersion(bound);
        return byEpochAndVersion != 0 || bound.Release is null
            ? byEpochAndVersion
            : RpmVersionComparer.Compare(Release ?? string.Empty, bound.Release);
    }

    public override string ToString() => Text;

    private int CompareEpochAndVersion(Evr other)
    {
        var byEpoch = Epoch.CompareTo(other.Epoch);
        return byEpoch != 0 ? byEpoch : RpmVersionComparer.Compare(Version, other.Version);
    }
}
