namespace WinVmBuild.Cygwin;

/// <summary>
/// One entry of a <c>depends2:</c> line (<c>make</c>, <c>_windows (&gt;= 6.0)</c>) or of an old <c>requires:</c> line.
/// </summary>
public sealed record Dependency(string Name, VersionOperator Operator = VersionOperator.Any, Evr? Bound = null)
{
    /// <summary>True when <paramref name="version"/> meets this dependency's version constraint.</summary>
    public bool AcceptsVersion(Evr version)
    {
        if (Bound is null)
        {
            return true;
        }

        var comparison = version.CompareToBound(Bound);
        return Operator switch
        {
            VersionOperator.Less => comparison < 0,
            VersionOperator.LessOrEqual => comparison <= 0,
            VersionOperator.Equal => comparison == 0,
            VersionOperator.GreaterOrEqual => comparison >= 0,
            VersionOperator.Greater => comparison > 0,
            _ => true,
        };
    }

    public override string ToString() => Bound is null ? Name : $"{Name} ({VersionOperators.Symbol(Operator)} {Bound})";
}
