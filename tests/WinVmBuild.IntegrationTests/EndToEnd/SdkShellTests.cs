using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// `dotnet build -t:WinVmShell`: from a terminal (a pseudo-terminal made by util-linux's `script`, typed into as a
/// person types), a login shell in the revived guest's copy of the project, the guest gone when the shell exits;
/// without one, the guest kept and the ssh command printed (WVB0419), its session ended once the guest powers off.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed class SdkShellTests
{
    private const string Marker = "the-project-copied-in";

    // What the person types: the typed text is echoed, so each answer is one the typed text does not hold.
    private const string Typed = "echo \"in $(pwd)\"\ncat marker.txt\nexit\n";

    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);

    [TestMethod]
    public async Task From_a_terminal_the_shell_is_in_the_projects_copy_and_the_guest_ends_with_it()
    {
        var project = await ProjectAsync("shell-terminal");
        var dotnet = SdkPackage.DotnetSpec(project.Folder, ["build", "-t:WinVmShell", "-tl:off"]);

        var session = await ProcessRunner.RunAsync(
            dotnet with { FileName = "script", Arguments = ["-qefc", dotnet.ToString(), "/dev/null"], StandardInput = Typed },
            CancellationToken.None);

        Assert.AreEqual(0, session.ExitCode, session.StandardOutput + session.StandardError);
        StringAssert.Contains(session.StandardOutput, "in /tmp/winvmbuild/project");
        StringAssert.Contains(session.StandardOutput, Marker);
        var left = await Leftovers.MeasureAsync(TimeSpan.FromSeconds(10), []);
        Assert.IsEmpty(left.Processes, string.Join('\n', left.Processes));
        Assert.IsEmpty(left.SessionFolders, string.Join('\n', left.SessionFolders));
    }

    [TestMethod]
    public async Task Without_a_terminal_the_guest_is_kept_for_the_printed_ssh_command_until_it_powers_off()
    {
        var project = await ProjectAsync("shell-no-terminal");

        var build = await project.BuildAsync("-t:WinVmShell", $"-p:WinVmKeepMinutes={Kept.TotalMinutes}");
        var ended = DateTime.UtcNow;

        BuildAssert.Succeeded(build);
        StringAssert.Contains(build.StandardOutput, ErrorCodes.ShellWithoutTerminal);
        var login = build.StandardOutput.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("ssh -i ", StringComparison.Ordinal));
        var shell = await ProcessRunner.RunAsync(new ProcessSpec("sh", ["-c", login]) { StandardInput = Typed }, CancellationToken.None);
        Assert.AreEqual(0, shell.ExitCode, $"{login}\n{shell.StandardOutput}{shell.StandardError}");
        Assert.AreEqual($"in /tmp/winvmbuild/project\n{Marker}\n", shell.StandardOutput, shell.StandardError);
        await ProcessRunner.RunAsync(new ProcessSpec("sh", ["-c", login]) { StandardInput = "poweroff -f\n" }, CancellationToken.None);
        var left = await Leftovers.MeasureAsync(TimeSpan.FromSeconds(30), []);
        Assert.IsEmpty(left.Processes, string.Join('\n', left.Processes));
        Assert.IsEmpty(left.SessionFolders, string.Join('\n', left.SessionFolders));
        Assert.IsLessThan(Kept / 2, DateTime.UtcNow - ended, "the session ended with its guest, not at its bound");
    }

    private static async Task<SdkTestProject> ProjectAsync(string name)
    {
        var project = await TestGuestProject.StandaloneAsync(name, "false", "shell");
        await File.WriteAllTextAsync(Path.Combine(project.Folder, "marker.txt"), Marker + "\n");
        return project;
    }
}
