namespace WinVmBuild.Cygwin;

/// <summary>
/// Parses the values of setup.ini lines: archives, dependency lists, name lists. The <c>Check</c> forms are what
/// the parser runs on every line of the file; the <c>Parse</c> forms build the values of the packages used.
/// </summary>
internal static class SetupIniValues
{
    /// <summary><c>&lt;path&gt; &lt;size&gt; &lt;hash&gt;</c>, the hash in any of its three forms.</summary>
    public static InstallArchive ParseArchive(ReadOnlySpan<char> value, SetupIniParser.LineContext at)
    {
        var (path, size, hash) = SplitArchive(value, at);
        // SplitArchive has checked the hash's form.
        return new InstallArchive(value[path].ToString(), size, ArchiveHash.TryParse(value[hash])!);
    }

    public static void CheckArchive(ReadOnlySpan<char> value, SetupIniParser.LineContext at) => SplitArchive(value, at);

    /// <summary>A comma-separated list such as <c>cygwin, _windows ( &gt;= 6.0 ), libintl8</c>; whitespace anywhere.</summary>
    public static IReadOnlyList<Dependency> ParseDependencies(ReadOnlySpan<char> value, SetupIniParser.LineContext at)
    {
        var result = new List<Dependency>();
        foreach (var entry in new DependencyEntries(value, at))
        {
            result.Add(entry.ToDependency());
        }

        return result;
    }

    /// <summary>The names of a dependency list (<c>provides:</c>, <c>obsoletes:</c>), without their versions.</summary>
    public static IReadOnlyList<string> ParseDependencyNames(ReadOnlySpan<char> value, SetupIniParser.LineContext at)
    {
        var result = new List<string>();
        foreach (var entry in new DependencyEntries(value, at))
        {
            result.Add(entry.Name.ToString());
        }

        return result;
    }

    public static void CheckDependencies(ReadOnlySpan<char> value, SetupIniParser.LineContext at)
    {
        // Reading an entry is what checks it.
        var entries = new DependencyEntries(value, at);
        while (entries.MoveNext())
        {
        }
    }

    /// <summary>Names separated by whitespace (and <paramref name="separators"/>).</summary>
    public static IReadOnlyList<string> ParseNames(ReadOnlySpan<char> value, string separators = "")
    {
        var result = new List<string>();
        var allSeparators = " \t" + separators;
        while (!value.IsEmpty)
        {
            var name = NextField(ref value, allSeparators);
            if (!name.IsEmpty)
            {
                result.Add(name.ToString());
            }
        }

        return result;
    }

    /// <summary>The trimmed text up to the next separator; <paramref name="rest"/> moves past it.</summary>
    public static ReadOnlySpan<char> NextField(scoped ref ReadOnlySpan<char> rest, string separators)
    {
        var end = rest.IndexOfAny(separators);
        var field = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[(end + 1)..];
        return field.Trim();
    }

    private static (Range Path, long Size, Range Hash) SplitArchive(ReadOnlySpan<char> value, SetupIniParser.LineContext at)
    {
        Span<Range> parts = stackalloc Range[4];
        var count = value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (count != 3 || !long.TryParse(value[parts[1]], out var size) || size < 0)
        {
            throw at.Error($"Expected '<path> <size> <sha512>' after install:, not '{value}'.");
        }

        if (!ArchiveHash.IsWellFormed(value[parts[2]]))
        {
            throw at.Error($"'{value[parts[2]]}' is not an MD5 (32 hex digits) or SHA-512 (128 hex digits or 86 base64url characters).");
        }

        return (parts[0], size, parts[2]);
    }
}
