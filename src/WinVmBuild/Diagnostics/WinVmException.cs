namespace WinVmBuild.Diagnostics;

/// <summary>
/// A failure the user can act on. <see cref="Code"/> is one of <see cref="ErrorCodes"/>; the message
/// says what went wrong and what to change. MSBuild tasks turn it into a coded build error.
/// </summary>
public sealed class WinVmException : Exception
{
    public WinVmException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    public string Code { get; }

    /// <summary>The file the error is about, when there is one (shown by MSBuild as the error's location).</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line in <see cref="File"/>, or 0.</summary>
    public int Line { get; init; }
}
