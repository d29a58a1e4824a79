using System.Globalization;
using System.Text.RegularExpressions;

namespace WinVmBuild.Guests;

/// <summary>
/// Reads a line of the guest command's output as a compiler's error or warning, in the canonical forms compilers
/// print, so that it can become an MSBuild error or warning (MSBuild's own reader of these forms, CanonicalError, is
/// internal to MSBuild). A line in none of them is no diagnostic.
/// <list type="bullet">
/// <item>MSBuild's form, which MSVC and csc print and MSBuild's console logger writes:
/// <c>file(line[,col]): [subcategory ]error|warning [CODE]: text</c>, the location also <c>(line-line)</c>,
/// <c>(line,col-col)</c> or <c>(line,col,line,col)</c>, after an optional <c>N&gt;</c> node prefix.</item>
/// <item>gcc's and clang's: <c>file:line[:col]: error|warning|fatal error: text</c>.</item>
/// <item>A tool instead of a file, or nothing: <c>LINK : fatal error LNK1181: text</c>, <c>error CS0006: text</c>;
/// only with a code, since so loose a form would otherwise take any sentence that says "error".</item>
/// </list>
/// The category is matched without case in MSBuild's forms, as MSBuild does, and in lower case only in gcc's, which
/// is how gcc and clang print it. Colours (ANSI escape sequences) are removed first.
/// </summary>
public static partial class CompilerDiagnosticParser
{
    // Enough for a long path, a subcategory and a location, as MSBuild's reader does with 400; the rest of a long line
    // is text, and a pathological line costs no more than this to read.
    private const int ParsedLength = 1024;

    /// <summary>The forms, in the order tried: MSBuild's first, as MSBuild tries it, the loose form without a file last.</summary>
    private static readonly Regex[] Forms = [FileWithLocation(), GccForm(), ToolOrigin()];

    /// <summary>The diagnostic <paramref name="line"/> holds, or null when it is in none of the forms.</summary>
    public static CompilerDiagnostic? Parse(string line)
    {
        var plain = Colours().Replace(line, string.Empty);
        if (!plain.Contains("error", StringComparison.OrdinalIgnoreCase) && !plain.Contains("warning", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var overflow = plain.Length > ParsedLength ? plain[ParsedLength..] : string.Empty;
        var parsed = plain[..Math.Min(plain.Length, ParsedLength)];
        var match = Forms.Select(form => form.Match(parsed)).FirstOrDefault(match => match.Success && !IsNumber(match.Groups["file"].Value));
        return match is null ? null : Diagnostic(match, overflow);
    }

    private static CompilerDiagnostic Diagnostic(Match match, string overflow) =>
        new(
            match.Groups["category"].Value.Equals("error", StringComparison.OrdinalIgnoreCase),
            match.Groups["file"].Value.Trim(),
            Number(match.Groups["line"]),
            Number(match.Groups["column"]),
            match.Groups["code"].Value,
            (match.Groups["text"].Value + overflow).Trim())
        {
            EndLine = Number(match.Groups["endLine"]),
            EndColumn = Number(match.Groups["endColumn"]),
            Subcategory = match.Groups["subcategory"].Value.Trim(),
        };

    /// <summary>A clock's <c>12:34:56: warning: …</c> names no file: a file is never a bare number.</summary>
    private static bool IsNumber(string file) => file.Length > 0 && file.All(char.IsAsciiDigit);

    /// <summary>A number the line gives; 0 (not given) for none, or for one too large to be a line.</summary>
    private static int Number(Group group) =>
        group.Success && int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]")]
    private static partial Regex Colours();

    [GeneratedRegex(
        @"^\s*(?:\d+>)?(?<file>\S.*?)\s*\((?<line>\d+)(?:-(?<endLine>\d+)|,(?<column>\d+)(?:-(?<endColumn>\d+)|,(?<endLine>\d+),(?<endColumn>\d+))?)?\)\s*:\s*" +
        @"(?:(?<subcategory>[^:]*?)\s+)?(?<category>error|warning)(?:\s+(?<code>[^:\s]+))?\s*:(?<text>.*)$",
        RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex FileWithLocation();

    [GeneratedRegex(
        @"^\s*(?<file>\S.*?):(?<line>\d+)(?::(?<column>\d+))?:\s(?:(?<subcategory>fatal)\s)?(?<category>error|warning):\s(?<text>.*)$",
        RegexOptions.ExplicitCapture)]
    private static partial Regex GccForm();

    [GeneratedRegex(
        @"^\s*(?:\d+>)?(?:(?<file>[A-Za-z]:[\\/][^:]*?|[^\s:][^:]*?)\s+:\s+(?:(?<subcategory>[^:]*?)\s+)?)?" +
        @"(?<category>error|warning)\s+(?<code>[A-Za-z]+\d+)\s*:(?<text>.*)$",
        RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex ToolOrigin();
}
