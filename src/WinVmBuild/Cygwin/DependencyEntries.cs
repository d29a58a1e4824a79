namespace WinVmBuild.Cygwin;

/// <summary>
/// The entries of a comma-separated dependency list (<c>depends2:</c>, <c>provides:</c>, ...), each checked as it
/// is read and left as slices of the line, so that checking a list allocates nothing.
/// </summary>
internal ref struct DependencyEntries(ReadOnlySpan<char> value, SetupIniParser.LineContext at)
{
    private ReadOnlySpan<char> _rest = value;

    public DependencyEntry Current { get; private set; }

    public readonly DependencyEntries GetEnumerator() => this;

    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            var entry = SetupIniValues.NextField(ref _rest, ",");
            if (!entry.IsEmpty)
            {
                Current = Read(entry, at);
                return true;
            }
        }

        return false;
    }

    private static DependencyEntry Read(ReadOnlySpan<char> entry, SetupIniParser.LineContext at)
    {
        var open = entry.IndexOf('(');
        if (open < 0)
        {
            return entry.ContainsAny(' ', '\t', ')')
                ? throw at.Error($"'{entry}' is not a package name or 'name (op version)'.")
                : new DependencyEntry(entry, VersionOperator.Any, default);
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

        return new DependencyEntry(name, op, version);
    }
}
