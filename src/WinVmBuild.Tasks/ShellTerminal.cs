namespace WinVmBuild.Tasks;

/// <summary>
/// Whether the terminal a build runs in can be handed to an interactive shell: standard input and output must both be
/// the terminal, and MSBuild's terminal logger must be off, since it redraws its status lines on that terminal several
/// times a second while the build runs, over whatever the shell shows. `dotnet build` runs MSBuild in its own
/// process, so the switches the person typed are this process's command line.
/// </summary>
internal static class ShellTerminal
{
    private static readonly string[] Off = ["off", "false"];

    /// <summary>Why no shell can be opened in this build's terminal, or null when one can.</summary>
    public static string? WhyNot(bool inputIsTerminal, bool outputIsTerminal, IReadOnlyList<string> commandLine, string? terminalLoggerVariable)
    {
        if (!inputIsTerminal || !outputIsTerminal)
        {
            return "this build has no terminal to open the shell in (an IDE, a build node of its own, or input or output redirected)";
        }

        return TerminalLoggerIsOff(commandLine, terminalLoggerVariable)
            ? null
            : "MSBuild's terminal logger would draw over the shell: run 'dotnet build -t:WinVmShell -tl:off' for the shell in this terminal";
    }

    /// <summary>
    /// The last <c>-tl</c>/<c>-terminalLogger</c> switch decides (any of <c>-</c>, <c>--</c>, <c>/</c>, a value after
    /// <c>:</c>); without one, <c>MSBUILDTERMINALLOGGER</c>. A build with no console logger draws nothing.
    /// </summary>
    private static bool TerminalLoggerIsOff(IReadOnlyList<string> commandLine, string? terminalLoggerVariable)
    {
        string? chosen = null;
        foreach (var argument in commandLine)
        {
            var (name, value) = Switch(argument);
            if (name is "noconsolelogger" or "noconlog")
            {
                return true;
            }

            if (name is "tl" or "terminallogger")
            {
                chosen = value ?? "on";
            }
        }

        chosen ??= terminalLoggerVariable;
        return chosen is not null && Off.Contains(chosen.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    private static (string? Name, string? Value) Switch(string argument)
    {
        var trimmed = argument.StartsWith("--", StringComparison.Ordinal) ? argument[2..]
            : argument.StartsWith('-') || argument.StartsWith('/') ? argument[1..]
            : null;
        if (trimmed is null)
        {
            return (null, null);
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (trimmed.ToLowerInvariant(), null) : (trimmed[..colon].ToLowerInvariant(), trimmed[(colon + 1)..]);
    }
}
