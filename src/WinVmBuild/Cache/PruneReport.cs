namespace WinVmBuild.Cache;

/// <summary>What pruning the cache did (<see cref="CachePruner"/>); its text is the build's summary line.</summary>
/// <param name="Before">The bytes the entries took before.</param>
/// <param name="After">The bytes they take now.</param>
/// <param name="Evicted">The entries evicted, as <c>&lt;kind&gt;/&lt;key&gt;</c>, in the order they went.</param>
/// <param name="InUse">The entries that would have gone but a build held.</param>
public sealed record PruneReport(long Before, long After, long MaxSize, IReadOnlyList<string> Evicted, IReadOnlyList<string> InUse)
{
    public override string ToString()
    {
        var limit = $"WinVmCacheMaxSize {ByteSize.Format(MaxSize)}";
        var summary = Evicted.Count == 0
            ? $"WinVmBuild: cache: the entries take {ByteSize.Format(After)} ({limit})"
            : $"WinVmBuild: cache: {Evicted.Count} {(Evicted.Count == 1 ? "entry" : "entries")} evicted, the entries took {ByteSize.Format(Before)} " +
              $"and take {ByteSize.Format(After)} ({limit})";
        return After <= MaxSize || InUse.Count == 0
            ? summary
            : $"{summary}; over it still: running builds use {string.Join(", ", InUse)}, which go with what they were made from once unused";
    }
}
