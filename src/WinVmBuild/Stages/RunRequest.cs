using WinVmBuild.Network;

namespace WinVmBuild.Stages;

/// <summary>One build in the guest.</summary>
/// <param name="Command">Shell text run in a fresh copy of <paramref name="ProjectFolder"/> in the guest.</param>
/// <param name="ProjectFolder">The host folder the guest receives a copy of and runs the command in.</param>
/// <param name="Shares">Host folders the guest sees at <c>/mnt/NAME</c>.</param>
/// <param name="Outputs">Paths relative to the project that the command produces and the build gets back.</param>
/// <param name="OutputFolder">Where those outputs are copied on the host, at the same relative paths.</param>
public sealed record RunRequest(
    string Command,
    string ProjectFolder,
    IReadOnlyList<SharedFolder> Shares,
    IReadOnlyList<string> Outputs,
    string OutputFolder)
{
    /// <summary>
    /// Where the project keeps which snapshot holds a copy of it (a file in its state folder), so that a large project
    /// sends only what changed (<see cref="ProjectSnapshot"/>); null: it goes whole.
    /// </summary>
    public string? ProjectSnapshotRecord { get; init; }
}

/// <summary>How the build in the guest ended: its exit code, the files copied back, and the guest left running, if it was.</summary>
public sealed record RunResult(int ExitCode, IReadOnlyList<string> CollectedOutputs, string LastOutputLines)
{
    /// <summary>How to log in to the guest, when the command failed and the guest was kept (WinVmKeepOnFailure).</summary>
    public GuestLogin? KeptGuest { get; init; }
}
