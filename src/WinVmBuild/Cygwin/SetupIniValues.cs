namespace WinVmBuild.Cygwin;

/// <summary>Parses the values of setup.ini lines: archives, dependency lists, name lists.</summary>
internal static class SetupIniValues
{
    /// <summary><c>&lt;path&gt; &lt;size&gt; &lt;hash&gt;</c>, the hash in any of its three forms.</summary>
    public static InstallArchive ParseArchive(ReadOnlySpan<char> value, SetupIniParser.LineContext at)
    {
        Span<Range> parts = stackalloc Range[4];
        var count = value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (count != 3 || !long.TryParse(value[parts[1]], out var size) || size < 0)
        {
            throw at.Error($"Expected '<path> <size> <sha512>' after install:, not '{value}'.");
        }

        var hash = ArchiveHash.TryParse(value[parts[2]])
            ?? throw at.Error($"'{value[parts[2]]}' is not an MD5 (32 hex digits) or SHA-512 (128 hex digits or 86 base64url characters).");
        return new InstallArchive(value[parts[0]].ToString(), size, hash);
    }

    /// <summary>A comma-separated list such as <c>cygwin, _windows ( &gt;= 6.0 ), libintl8</c>; whitespace anywhere.</summary>
    public static IReadOnlyList<Dependency> ParseDependencies(ReadOnlySpan<char> value, SetupIniParser.LineContext at)
    {
        var result = new List<Dependency>();
        while (!value.IsEmpty)
        {
            var entry = NextField(ref value, ",");
            if (!entry.IsEmpty)
            {
                result.Add(ParseDependency(entry, at));
            }
        }

        return result;
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
    private static ReadOnlySpan<char> NextField(ref ReadOnlySpan<char> rest, string separators)
    {
        var end = rest.IndexOfAny(separators);
        var field = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[(end + 1)..];
        return field.Trim();
    }

    private static Dependency ParseDependency(ReadOnlySpan<char> entry, SetupIniParser.LineContext at)
    {
        var open = entry.IndexOf('(');
        if (open < 0)
        {
            return entry.ContainsAny(' ', '\t', ')')
                ? throw at.Error($"'{entry}' is not a package name or 'name (op version)'.")
                : new Dependency(entry.ToString());
        }

        var name = entry[..open].Trim();
        var close = entry.IndexOf(')');
        if (name.IsEmpty || close < open || !entry[(close + 1)..].IsWhiteSpace())
        {
            throw at.Error($"'{entry}' is not 'name (op version)'.");
        }

        var constraint = entry[(open + 1)..close].Trim();
        var operatorLength = constraint.IndexOfAnyExcept("<>=");
        if (operatorLength <= 0
            || !VersionOperators.TryParse(constraint[..operatorLength], out var op)
            || constraint[operatorLength..].Trim() is var version && (version.IsEmpty || version.ContainsAny(' ', '\t')))
        {
            throw at.Error($"'{entry}': expected one of < <= = >= > << >> and a version inside the parentheses.");
        }

        return new Dependency(name.ToString(), op, Evr.Parse(version.ToString()));
    }
}
