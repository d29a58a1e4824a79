namespace WinVmBuild.Cygwin;

/// <summary>One checked entry of a dependency list, as slices of its line.</summary>
internal readonly ref struct DependencyEntry(ReadOnlySpan<char> name, VersionOperator op, ReadOnlySpan<char> bound)
{
    public ReadOnlySpan<char> Name { get; } = name;

    public VersionOperator Operator { get; } = op;

    /// <summary>The version after the operator; empty without one.</summary>
    public ReadOnlySpan<char> Bound { get; } = bound;

    public Dependency ToDependency() =>
        Operator == VersionOperator.Any ? new Dependency(Name.ToString()) : new Dependency(Name.ToString(), Operator, Evr.Parse(Bound.ToString()));
}
