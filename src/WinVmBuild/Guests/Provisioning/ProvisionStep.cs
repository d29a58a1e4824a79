namespace WinVmBuild.Guests.Provisioning;

/// <summary>How a provisioning step runs in the guest, by its file's extension.</summary>
public enum ProvisionStepKind
{
    /// <summary><c>.sh</c>: the guest's shell (Cygwin's bash on Windows, sh on the test guest).</summary>
    Shell,

    /// <summary><c>.cmd</c> (or <c>.bat</c>): cmd.exe; Windows only.</summary>
    Cmd,

    /// <summary><c>.ps1</c>: Windows PowerShell; Windows only.</summary>
    PowerShell,
}

/// <summary>
/// One <c>WinVmProvision</c> item: a script the guest runs after its install, before the snapshot, in the folder of the
/// file, with the project's <c>WinVmProvisionFile</c> files beside it at their paths in the project.
/// </summary>
/// <param name="Name">The file's name, which names the step in the log and in errors (unique in a project).</param>
/// <param name="HostPath">The script on the host.</param>
/// <param name="RelativePath">Its path in the project, with '/': where the guest finds it.</param>
/// <param name="Network">Whether the guest may reach outside networks while this step runs (<c>Network="true"</c>).</param>
/// <param name="Restart">Whether the guest restarts after the step, within its layer (<c>Restart="true"</c>).</param>
public sealed record ProvisionStep(string Name, string HostPath, string RelativePath, ProvisionStepKind Kind, bool Network, bool Restart)
{
    /// <summary>The kind of step a file name asks for; null for an extension no guest runs.</summary>
    public static ProvisionStepKind? KindOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".sh" => ProvisionStepKind.Shell,
        ".cmd" or ".bat" => ProvisionStepKind.Cmd,
        ".ps1" => ProvisionStepKind.PowerShell,
        _ => null,
    };
}

/// <summary>
/// One <c>WinVmProvisionFile</c> item: a host file the steps may read, at <paramref name="RelativePath"/> in the
/// project; <paramref name="Step"/> names the first step that sees it (null: every step).
/// </summary>
public sealed record ProvisionFile(string HostPath, string RelativePath, string? Step);

/// <summary>A project's provisioning: its steps in order, and the files they may read.</summary>
public sealed record ProvisionPlan(IReadOnlyList<ProvisionStep> Steps, IReadOnlyList<ProvisionFile> Files)
{
    public static ProvisionPlan None { get; } = new([], []);

    /// <summary>The files step <paramref name="index"/> sees: those for every step, and those from a step at or before it.</summary>
    public IReadOnlyList<ProvisionFile> VisibleTo(int index)
    {
        var earlier = Steps.Take(index + 1).Select(step => step.Name).ToHashSet(StringComparer.Ordinal);
        return Files.Where(file => file.Step is null || earlier.Contains(file.Step)).ToList();
    }
}
