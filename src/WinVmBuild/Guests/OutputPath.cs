namespace WinVmBuild.Guests;

/// <summary>
/// The rule for a declared output (<c>WinVmOutput</c>): a path relative to the project folder that stays inside
/// it, whichever separator the guest uses — it names a file in the guest's copy and the place it is copied to.
/// </summary>
public static class OutputPath
{
    /// <summary>The path with '/' separators, or null when it is empty, absolute (<c>/x</c>, <c>C:…</c>) or climbs out with '..'.</summary>
    public static string? Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        var leavesProject = normalized.Length == 0
            || normalized.StartsWith('/')
            || (normalized.Length > 1 && normalized[1] == ':')
            || normalized.Split('/').Contains("..");
        return leavesProject ? null : normalized;
    }
}
