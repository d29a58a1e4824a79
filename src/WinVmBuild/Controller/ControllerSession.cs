using System.Globalization;
using WinVmBuild.Host;

namespace WinVmBuild.Controller;

/// <summary>
/// The host's side of one controller run, through the exchange folder: it writes the configuration, the
/// command and the key before the controller VM starts, follows the log while it runs, and reads how it ended.
/// </summary>
public sealed class ControllerSession(string xchgFolder)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string XchgFolder { get; } = Path.GetFullPath(xchgFolder);

    /// <summary>The command's output as the controller appends it.</summary>
    public string LogPath => Path.Combine(XchgFolder, "log");

    /// <summary>Where run scripts copy the declared outputs (<c>xchg/out/&lt;relative path&gt;</c>).</summary>
    public string OutputFolder => Path.Combine(XchgFolder, "out");

    /// <summary>
    /// Writes everything the controller reads: controller.conf and smb.conf, <paramref name="commandScript"/> as
    /// command.sh, and a 0600 copy of the private key at <paramref name="privateKeyPath"/>. Results of an
    /// earlier run in the same folder are removed first.
    /// </summary>
    public async Task PrepareAsync(ControllerConfig config, string commandScript, string privateKeyPath, CancellationToken cancellationToken)
    {
        SharedFolder.EnsureDistinct(config.Shares);
        Directory.CreateDirectory(XchgFolder);
        foreach (var result in new[] { "log", "exitcode", "status" })
        {
            File.Delete(Path.Combine(XchgFolder, result));
        }

        if (Directory.Exists(OutputFolder))
        {
            Directory.Delete(OutputFolder, recursive: true);
        }

        // controller.conf holds the Samba password and id_guest the private key: owner only.
        await WriteAsync("controller.conf", config.ToShellText(), OwnerOnly, cancellationToken).ConfigureAwait(false);
        await WriteAsync("id_guest", await File.ReadAllTextAsync(privateKeyPath, cancellationToken).ConfigureAwait(false), OwnerOnly, cancellationToken)
            .ConfigureAwait(false);
        await WriteAsync("smb.conf", SambaConfiguration.Generate(config), OwnerOnly, cancellationToken).ConfigureAwait(false);
        await WriteAsync("command.sh", commandScript, OwnerOnly, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Passes each line of the log to <paramref name="onLogLine"/> as it arrives until <paramref name="controllerExited"/>
    /// completes (the controller VM's process ended), then reads how the run ended. When <paramref name="guestExited"/>
    /// completes first and the controller has not finished <see cref="GuestStopGrace"/> later, the result says
    /// so (<see cref="ControllerResult.GuestStoppedStatus"/>) and the caller stops the controller VM.
    /// </summary>
    public async Task<ControllerResult> FollowAsync(
        Task controllerExited, Action<string> onLogLine, CancellationToken cancellationToken, Task? guestExited = null)
    {
        var stopped = guestExited is null ? controllerExited : Task.WhenAny(controllerExited, AfterGraceAsync(guestExited, cancellationToken));
        await LogFollower.FollowAsync(LogPath, stopped, onLogLine, cancellationToken).ConfigureAwait(false);

        // A wait that failed (the caller's time ran out) is that failure, not a run that ended without a result.
        if (controllerExited.IsFaulted || controllerExited.IsCanceled)
        {
            await controllerExited.ConfigureAwait(false);
        }

        var result = ReadResult();
        return controllerExited.IsCompleted || result.ExitCode is not null || result.Status is not null
            ? result
            : new ControllerResult(null, ControllerResult.GuestStoppedStatus);
    }

    /// <summary>How the last run ended, from xchg/exitcode or xchg/status (both written whole by the controller).</summary>
    public ControllerResult ReadResult()
    {
        var exitCodePath = Path.Combine(XchgFolder, "exitcode");
        var statusPath = Path.Combine(XchgFolder, "status");
        int? exitCode = File.Exists(exitCodePath) && int.TryParse(File.ReadAllText(exitCodePath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
        var status = File.Exists(statusPath) ? File.ReadAllText(statusPath).Trim() : null;
        return new ControllerResult(exitCode, status);
    }

    /// <summary>
    /// How long the controller may still take once the guest stopped: an install's guest powers off right
    /// after the acknowledgement, while the controller is writing the exit code.
    /// </summary>
    public TimeSpan GuestStopGrace { get; init; } = TimeSpan.FromSeconds(15);

    private async Task AfterGraceAsync(Task guestExited, CancellationToken cancellationToken)
    {
        await guestExited.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.Delay(GuestStopGrace, cancellationToken).ConfigureAwait(false);
    }

    private Task WriteAsync(string name, string content, UnixFileMode mode, CancellationToken cancellationToken) =>
        AtomicPublish.FileAsync(Path.Combine(XchgFolder, name), async temporary =>
        {
            // Created with its final mode, so a secret is never readable by others, not even for a moment.
            await using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(content.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        });
}
