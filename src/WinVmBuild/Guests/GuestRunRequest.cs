using WinVmBuild.Controller;

namespace WinVmBuild.Guests;

/// <summary>What a build asks the guest to do: one command in a copy of the project, and the files it must return.</summary>
/// <param name="Command">Shell text run in the guest's shell, in a fresh copy of <paramref name="ProjectShare"/>.</param>
/// <param name="OutputPaths">Paths relative to the project, copied back into <c>xchg/out/&lt;path&gt;</c>.</param>
/// <param name="Shares">Every share the controller serves besides xchg; each is mounted in the guest.</param>
/// <param name="ProjectShare">The name of the share (one of <paramref name="Shares"/>) holding the project.</param>
public sealed record GuestRunRequest(
    string Command,
    IReadOnlyList<string> OutputPaths,
    IReadOnlyList<SharedFolder> Shares,
    string ProjectShare,
    SambaAccount Account);
