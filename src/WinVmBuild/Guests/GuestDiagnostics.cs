using WinVmBuild.Diagnostics;

namespace WinVmBuild.Guests;

/// <summary>
/// What one run's output lines are to the build log: the compiler diagnostics among them (<see cref="CompilerDiagnosticParser"/>),
/// on their host files (<see cref="GuestPathMapper"/>), and when each is known for what it is. A warning is one at
/// once. An error is one only when the command fails, since the build's result is the command's exit code: a command
/// that prints an error line and exits with 0 has had a warning. So, unless every error line is an error
/// (<c>WinVmTreatGuestErrorsAsErrors</c>), an error line goes to the log as the message it is while the command runs
/// and is held until its end (<see cref="End"/>), then logged as an error or a warning: the output streams unchanged
/// and no line is ever logged as both a warning and an error. A diagnostic printed again is logged once: MSBuild's
/// console logger repeats every error and warning in its summary, so a <c>dotnet build</c> in the guest would
/// otherwise count each twice. A diagnostic without a code of its own (gcc, clang) gets
/// <see cref="ErrorCodes.GuestDiagnostic"/>, so that a reader of MSBuild's format that needs a code (GitHub's problem
/// matchers) reads it too.
/// </summary>
/// <param name="errorsAreErrors">Every error line is an error, whatever the exit code (<c>WinVmTreatGuestErrorsAsErrors</c>).</param>
public sealed class GuestDiagnostics(GuestPathMapper paths, bool errorsAreErrors)
{
    private readonly HashSet<CompilerDiagnostic> _seen = [];
    private readonly List<CompilerDiagnostic> _heldErrors = [];

    /// <summary>
    /// The diagnostic to log now for <paramref name="line"/>; null when the line is logged as a message: no diagnostic,
    /// one logged already, or an error line held for <see cref="End"/>.
    /// </summary>
    public CompilerDiagnostic? Read(string line)
    {
        if (CompilerDiagnosticParser.Parse(line) is not { } parsed)
        {
            return null;
        }

        var diagnostic = parsed with
        {
            File = paths.ToHost(parsed.File),
            Code = parsed.Code.Length == 0 ? ErrorCodes.GuestDiagnostic : parsed.Code,
        };
        lock (_seen)
        {
            if (!_seen.Add(diagnostic))
            {
                return null;
            }

            if (diagnostic.IsError && !errorsAreErrors)
            {
                _heldErrors.Add(diagnostic);
                return null;
            }
        }

        return diagnostic;
    }

    /// <summary>
    /// The error lines held back, now that the command ended: errors when it failed (or never ended: timed out, cancelled),
    /// warnings when it exited with 0.
    /// </summary>
    public IReadOnlyList<CompilerDiagnostic> End(bool commandSucceeded)
    {
        lock (_seen)
        {
            var held = _heldErrors.Select(error => error with { IsError = !commandSucceeded }).ToList();
            _heldErrors.Clear();
            return held;
        }
    }
}
