using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Network;

namespace WinVmBuild.Stages;

/// <summary>
/// A person's shell in the guest (<c>dotnet build -t:WinVmShell</c>): the snapshot revived as for a build, the project
/// copied in and the shares mounted, then OpenSSH's client run in the build's terminal, to a login shell in the
/// project's folder. The guest ends with the shell. Without a terminal to run it in, the guest is kept instead, for
/// the person to log in with the command the stage returns.
/// </summary>
public static class ShellStage
{
    public const string Name = "shell";

    /// <param name="projectFolder">The host folder the guest gets a copy of, as for a build.</param>
    /// <param name="shares">Host folders the guest sees at <c>/mnt/NAME</c>.</param>
    /// <param name="keepWithoutTerminal">Null when this process has a terminal; otherwise how long the guest is kept.</param>
    /// <returns>Null once the shell has exited; how to log in when the guest was kept.</returns>
    public static async Task<GuestLogin?> OpenAsync(
        VmStageEnvironment environment, IGuestProfile guest, MediaEntry media, string suspendEntry, string projectFolder,
        IReadOnlyList<SharedFolder> shares, TimeSpan timeout, TimeSpan? keepWithoutTerminal, Action<string> onOutputLine, CancellationToken cancellationToken)
    {
        await using var revived = await RevivedGuest.StartAsync(environment, Name, guest, media, suspendEntry, shares, timeout, cancellationToken)
            .ConfigureAwait(false);
        var session = revived.Session;

        // A build whose command does nothing: the project received, the shares mounted, no outputs.
        var request = new RunRequest(":", projectFolder, shares, [], projectFolder);
        await RunStage.BuildInGuestAsync(session, guest, request, revived.Shares, onOutputLine, cancellationToken).ConfigureAwait(false);
        var login = await session.LoginAsync(guest, media.PrivateKey, cancellationToken).ConfigureAwait(false);
        if (keepWithoutTerminal is { } bound)
        {
            session.ReportDone("guest kept for a login");
            await session.KeepAsync(bound).ConfigureAwait(false);
            return login;
        }

        var shell = await ProcessRunner.RunAsync(
            new ProcessSpec("ssh", login.Arguments) { UseTerminal = true, DebianPackage = "openssh-client" }, cancellationToken).ConfigureAwait(false);
        session.ReportDone($"the shell exited with {shell.ExitCode}");
        return null;
    }
}
