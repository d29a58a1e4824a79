using WinVmBuild.Host;

namespace WinVmBuild.Tests.Host;

/// <summary>Runs generated shell text through the real shells that read it.</summary>
internal static class ShellTexts
{
    /// <summary>Values that break naive quoting: blanks, both quotes, $, backquotes, backslashes, newlines, globs.</summary>
    public static readonly string[] Hostile =
    [
        "two words", "it's", "say \"hi\"", "$HOME", "`id`", "$(id)", "back\\slash", "line\nbreak", "*", "';rm -rf /;'", "-n",
    ];

    /// <summary>Sources <paramref name="text"/> in busybox sh and prints the variable <paramref name="name"/>.</summary>
    public static async Task<string> SourceAndPrintAsync(string text, string name)
    {
        var file = Path.Combine(TestPaths.NewScratchFolder("shell"), "values.conf");
        await File.WriteAllTextAsync(file, text);
        var result = await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("busybox", ["sh", "-c", $". \"$1\" && printf '%s{End}' \"${name}\"", "sh", file]), CancellationToken.None);
        return Printed(result);
    }

    /// <summary>Marks the end of printed text: the process runner ends every captured line with a newline.</summary>
    public const string End = "<end>";

    /// <summary>What a command printed with <c>printf '%s&lt;end&gt;'</c>, exactly.</summary>
    public static string Printed(ProcessResult result) => result.StandardOutput[..result.StandardOutput.LastIndexOf(End, StringComparison.Ordinal)];

    /// <summary>Fails with shellcheck's findings unless <paramref name="script"/> is clean as <paramref name="shell"/>'s.</summary>
    /// <param name="severity">Lowest severity reported. Generated scripts that embed hostile test values use
    /// "warning": shellcheck's info-level style hints (SC1003) misread correctly quoted quotes.</param>
    /// <param name="shell">POSIX sh, or bash for what only Cygwin's bash runs.</param>
    public static async Task AssertShellcheckCleanAsync(string script, string name, string severity = "style", string shell = "sh")
    {
        var file = Path.Combine(TestPaths.NewScratchFolder("shellcheck"), name);
        await File.WriteAllTextAsync(file, script);
        var result = await ProcessRunner.RunAsync(new ProcessSpec("shellcheck", ["-s", shell, "-S", severity, file]) { DebianPackage = "shellcheck" }, CancellationToken.None);
        Assert.AreEqual(0, result.ExitCode, $"{name}:\n{result.StandardOutput}");
    }
}
