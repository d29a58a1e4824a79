namespace WinVmBuild.Guests;

/// <summary>
/// An error or warning a compiler printed on one line of the guest command's output, as
/// <see cref="CompilerDiagnosticParser"/> read it: the same fields an MSBuild error or warning has.
/// </summary>
/// <param name="IsError">An error (<c>error</c>, <c>fatal error</c>), else a warning.</param>
/// <param name="File">The file as the line names it (a guest path until <see cref="GuestPathMapper"/> maps it); empty when the line names none.</param>
/// <param name="Line">1-based; 0 when the line gives none.</param>
/// <param name="Column">1-based; 0 when the line gives none.</param>
/// <param name="Code">The tool's own code (<c>CS1002</c>, <c>C2065</c>); empty when it gives none, as gcc and clang do.</param>
/// <param name="Text">What follows the category and code, verbatim.</param>
public sealed record CompilerDiagnostic(bool IsError, string File, int Line, int Column, string Code, string Text)
{
    /// <summary>Where a range ends (<c>file(3,5,3,9)</c>, <c>file(3-4)</c>); 0 when the line gives none.</summary>
    public int EndLine { get; init; }

    /// <summary>Where a range ends on its line; 0 when the line gives none.</summary>
    public int EndColumn { get; init; }

    /// <summary>The words before the category, as MSBuild names them: <c>fatal</c>, <c>Command line</c>; empty when none.</summary>
    public string Subcategory { get; init; } = string.Empty;
}
