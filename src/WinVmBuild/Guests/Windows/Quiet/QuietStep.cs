namespace WinVmBuild.Guests.Windows.Quiet;

/// <summary>
/// One thing a quiet Windows has turned off (<see cref="QuietSteps"/>): what the first logon does to turn it off
/// (<see cref="AnswerFiles.QuietScript"/>, cmd.exe) and what the suspend stage checks before the snapshot
/// (<see cref="Guests.Windows.SettleScript"/>, Cygwin's bash). Every part tolerates being absent: a service, task or
/// feature this Windows lacks is skipped, never a failure.
/// </summary>
/// <param name="Name">What is turned off, as the guest's log says it.</param>
public sealed record QuietStep(string Name)
{
    /// <summary>Registry values written first (policies take effect as the service or feature next reads them).</summary>
    public IReadOnlyList<RegistryValue> Values { get; init; } = [];

    /// <summary>Services stopped and set to start disabled; the suspend stage checks that each is.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>Scheduled tasks disabled, by their full path (Vista and later have task folders).</summary>
    public IReadOnlyList<string> Tasks { get; init; } = [];

    /// <summary>
    /// PowerShell commands, each one line, for what cmd.exe's tools cannot do (the Defender module, Server features,
    /// task folders): only for Windows 8.1 and later. They hold no double quote and no percent sign, which cmd.exe
    /// would interpret.
    /// </summary>
    public IReadOnlyList<string> PowerShell { get; init; } = [];

    /// <summary>Other cmd.exe commands (powercfg).</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary>
    /// bash lines, beside the services' checks, that print a not-quiet line when the step is not in effect (the settle
    /// script defines <c>not_quiet</c> for them).
    /// </summary>
    public IReadOnlyList<string> Checks { get; init; } = [];
}
