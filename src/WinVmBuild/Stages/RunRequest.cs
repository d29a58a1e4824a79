using WinVmBuild.Controller;

namespace WinVmBuild.Stages;

/// <summary>One build in the guest.</summary>
/// <param name="Command">Shell text run in a fresh copy of <paramref name="ProjectFolder"/> in the guest.</param>
/// <param name="ProjectFolder">The host folder the guest copies and runs the command in.</param>
/// <param name="Shares">More host folders the guest sees, by name.</param>
/// <param name="Outputs">Paths relative to the project that the command produces and the build gets back.</param>
/// <param name="OutputFolder">Where those outputs are copied on the host, at the same relative paths.</param>
public sealed record RunRequest(
    string Command,
    string ProjectFolder,
    IReadOnlyList<SharedFolder> Shares,
    IReadOnlyList<string> Outputs,
    string OutputFolder);

/// <summary>How the build in the guest ended: its exit code, and the files copied back.</summary>
public sealed record RunResult(int ExitCode, IReadOnlyList<string> CollectedOutputs, string LastOutputLines);
