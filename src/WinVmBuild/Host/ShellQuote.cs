namespace WinVmBuild.Host;

/// <summary>Quotes text for POSIX sh (busybox, dash, bash), so that any value stays one word, taken literally.</summary>
public static class ShellQuote
{
    /// <summary>
    /// <paramref name="value"/> in single quotes, each <c>'</c> written as <c>'\''</c>: inside single quotes
    /// the shell expands nothing (<c>$</c>, backquotes, backslashes, newlines are all literal).
    /// </summary>
    public static string Literal(string value)
    {
        if (value.Contains('\0'))
        {
            // No shell variable or argument can hold a NUL; it would silently cut the value.
            throw new ArgumentException("A value for a shell script cannot contain a NUL character.", nameof(value));
        }

        return "'" + value.Replace("'", "'\\''") + "'";
    }
}
