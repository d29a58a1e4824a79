namespace WinVmBuild.Cygwin;

/// <summary>The comparison in a versioned dependency.</summary>
public enum VersionOperator
{
    Any,
    Less,
    LessOrEqual,
    Equal,
    GreaterOrEqual,
    Greater,
}

/// <summary>The spellings setup.ini uses for <see cref="VersionOperator"/> (RPM's, plus Debian's <c>&lt;&lt;</c> and <c>&gt;&gt;</c>).</summary>
internal static class VersionOperators
{
    public static bool TryParse(ReadOnlySpan<char> text, out VersionOperator result)
    {
        result = text switch
        {
            "<" or "<<" => VersionOperator.Less,
            "<=" => VersionOperator.LessOrEqual,
            "=" or "==" => VersionOperator.Equal,
            ">=" => VersionOperator.GreaterOrEqual,
            ">" or ">>" => VersionOperator.Greater,
            _ => VersionOperator.Any,
        };
        return result != VersionOperator.Any;
    }

    public static string Symbol(VersionOperator op) => op switch
    {
        VersionOperator.Less => "<",
        VersionOperator.LessOrEqual => "<=",
        VersionOperator.Equal => "=",
        VersionOperator.GreaterOrEqual => ">=",
        VersionOperator.Greater => ">",
        _ => string.Empty,
    };
}
