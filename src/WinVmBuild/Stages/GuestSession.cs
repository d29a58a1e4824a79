using System.Diagnostics;
using Renci.SshNet.Common;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Network;
using WinVmBuild.Reaper;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// One VM stage's guest: a work folder of its own (0700, registered in the <see cref="SessionRegistry"/>, whose
/// reaper stops the guest if the build dies), the guest's QEMU on its isolated user network, the Samba server of its
/// shares when it has any, and the SSH connection to it. Every wait is bounded by the stage's timeout, and a stage past
/// its time is reported with the guest's screen and console; a failed stage keeps them in its
/// <see cref="SessionDiagnostics"/>. Disposing it closes SSH, stops QEMU (with the smbd processes QEMU started) and
/// removes the work folder, which holds the Samba account.
/// </summary>
internal sealed class GuestSession : IAsyncDisposable
{
    /// <summary>How long a short question to the guest (its uptime) may take: a guest that reset never closes the connection.</summary>

    /// <summary>How long a command may still run once QEMU has exited, to deliver what the guest sent before.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly VmStageEnvironment _environment;
    private readonly string _stage;
    private readonly TimeSpan _timeout;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly TaskCompletionSource<string> _reportedFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SessionDiagnostics _diagnostics;
    private readonly bool _watchScreen;
    private readonly SessionLease _lease;
    private readonly CancellationToken _cancellation;
    private QemuMachine? _guest;
    private GuestSsh? _ssh;
    private bool _succeeded;
    private bool _kept;

    private GuestSession(VmStageEnvironment environment, string stage, TimeSpan timeout, bool watchScreen, SessionLease lease, CancellationToken cancellation)
    {
        _cancellation = cancellation;
        _environment = environment;
        _stage = stage;
        _timeout = timeout;
        _watchScreen = watchScreen;
        _diagnostics = new SessionDiagnostics(environment.DiagnosticsFolder, stage);
        _lease = lease;
    }

    public string WorkFolder => _lease.Folder;

    /// <summary>The machine's slot: its name says the stage, and it runs on the build's accelerator.</summary>
    public VmSlot Slot => _environment.Slot($"winvmbuild-{_stage}");

    public QemuMachine Guest => _guest ?? throw new InvalidOperationException("The guest was not started.");

    public IBuildLog Log => _environment.Log;

    private TimeSpan Remaining => _timeout > _elapsed.Elapsed ? _timeout - _elapsed.Elapsed : TimeSpan.Zero;

    /// <param name="watchScreen">
    /// Save the guest's screen every few minutes: for the long stages (install, provision, suspend). With
    /// <see cref="VmStageEnvironment.KeepOnFailure"/>, their screen is also served over VNC, and a guest whose stage
    /// failed is kept for a person to look at, unless the build was cancelled (<paramref name="cancellationToken"/>).
    /// </param>
    public static GuestSession Start(
        VmStageEnvironment environment, string stage, TimeSpan timeout, bool watchScreen = false, CancellationToken cancellationToken = default)
    {
        var lease = environment.Sessions.Register(stage);
        environment.Log.Detail($"{stage}: session folder {lease.Folder}");
        return new GuestSession(environment, stage, timeout, watchScreen, lease, cancellationToken);
    }

    /// <summary>
    /// Prepares the Samba server of <paramref name="shares"/> for the machine this session starts next; its account is
    /// added while that machine starts.
    /// </summary>
    public SambaServer ServeShares(IReadOnlyList<SharedFolder> shares, SmbDialect dialect) =>
        SambaServer.Prepare(Path.Combine(WorkFolder, "samba"), shares, dialect, _environment.Smbd);

    /// <summary>
    /// Starts <paramref name="spec"/>, serving <paramref name="shares"/> if any: a booting guest runs; a
    /// <see cref="QemuMachineSpec.Incoming"/> one waits for <see cref="ContinueFromAsync"/>.
    /// </summary>
    public async Task<QemuMachine> StartAsync(QemuMachineSpec spec, SambaServer? shares, CancellationToken cancellationToken)
    {
        var network = spec.Network ?? throw new ArgumentException("A guest needs its network card.", nameof(spec));
        var withShares = spec with
        {
            Network = network with { ShareServerCommand = shares?.Command },
            VncDisplay = spec.VncDisplay || (_watchScreen && _environment.KeepOnFailure is not null),
        };

        // The share account is made while QEMU starts: the guest connects to its shares only later.
        var account = shares?.AddAccountAsync(cancellationToken) ?? Task.CompletedTask;
        try
        {
            _guest = await QemuMachine.StartAsync(withShares, Path.Combine(WorkFolder, "guest"), _environment.Log, OnConsoleLine, cancellationToken)
                .ConfigureAwait(false);
            Progress("qemu started");
            if (_watchScreen)
            {
                _diagnostics.WatchScreen(_guest, _environment.Log);
            }
        }
        finally
        {
            // Awaited either way, so that pdbedit has ended before the session's folder is removed.
            await account.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await account.ConfigureAwait(false);
        return _guest;
    }

    /// <summary>Loads <paramref name="stateFile"/>, where the guest was saved, into the started machine, and lets it run.</summary>
    public async Task ContinueFromAsync(string stateFile, CancellationToken cancellationToken)
    {
        await QemuStepAsync(() => Guest.ReviveAsync(stateFile, cancellationToken)).ConfigureAwait(false);
        Progress("guest running");
    }

    /// <summary>Saves the guest's state to <paramref name="stateFile"/> and quits its QEMU, each step bounded by QEMU's own bounds.</summary>
    public Task SaveStateAndQuitAsync(string stateFile, CancellationToken cancellationToken) => QemuStepAsync(async () =>
    {
        await Guest.SaveStateAsync(stateFile, cancellationToken).ConfigureAwait(false);
        await Guest.QuitAsync(cancellationToken).ConfigureAwait(false);
    });

    /// <summary>Waits, within the stage's time, until the guest's sshd lets <paramref name="user"/> in with the image's key.</summary>
    public async Task<GuestSsh> ConnectAsync(string user, string privateKeyFile, HostKeyPin? hostKey, CancellationToken cancellationToken)
    {
        var port = await Guest.SshPortAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ssh = await SshWait.UntilConnectedAsync(
                new SshTarget(port, user, privateKeyFile, hostKey), GuestGone, DateTime.UtcNow + Remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw await TimedOutAsync().ConfigureAwait(false);
        }
        catch (WinVmException e) when (e.Code == ErrorCodes.GuestStopped)
        {
            throw GuestStopped("before its sshd answered");
        }

        Progress("ssh connected");
        return _ssh;
    }

    /// <summary>
    /// Runs <paramref name="command"/> over the session's connection within the stage's time and returns its exit
    /// status. QEMU exiting meanwhile is WVB0356.
    /// </summary>
    public async Task<int> RunAsync(GuestCommand command, CancellationToken cancellationToken)
    {
        var ssh = _ssh ?? throw new InvalidOperationException("The session is not connected.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Remaining);
        var run = ssh.RunAsync(command, deadline.Token);
        if (await Task.WhenAny(run, GuestGone).ConfigureAwait(false) != run
            && await Task.WhenAny(run, Task.Delay(ExitGrace, cancellationToken)).ConfigureAwait(false) != run)
        {
            throw GuestStopped("while a command ran");
        }

        try
        {
            return await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw await TimedOutAsync().ConfigureAwait(false);
        }
        catch (SshException e)
        {
            // A connection dropped under a command is most often QEMU gone, whose exit is seen a moment later.
            if (await Task.WhenAny(Guest.Exited, Task.Delay(ExitGrace, CancellationToken.None)).ConfigureAwait(false) == Guest.Exited)
            {
                throw GuestStopped("while a command ran");
            }

            throw new WinVmException(
                ErrorCodes.GuestStopped,
                $"The guest of the {_stage} stage dropped its SSH connection while a command ran ({e.Message}), though its VM still runs. " +
                "Last console lines:\n  " + string.Join("\n  ", Guest.ConsoleTail(15)),
                e);
        }
    }

    /// <summary>
    /// Waits until the guest is quiet by <paramref name="settle"/>'s rule, within its bound and the stage's time, and
    /// returns how long that took, for the stage's report. A guest still busy at the bound is WVB0414, a warning.
    /// </summary>
    public async Task<string> SettleAsync(CpuSettle settle, CancellationToken cancellationToken)
    {
        var remaining = Remaining;
        SettleOutcome outcome;
        try
        {
            outcome = await settle.WaitAsync(() => Guest.CpuTime, settle.Bound < remaining ? settle.Bound : remaining, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception && Guest.HasExited)
        {
            throw GuestStopped("while it settled");
        }

        var waited = $"{outcome.Waited.TotalSeconds:0} s";
        Progress($"{(outcome.Quiet ? "settled in" : "not settled after")} {waited}, {outcome.Described},");
        if (outcome.Quiet)
        {
            return $"the guest settled in {waited}";
        }

        var cut = settle.Bound < remaining ? string.Empty : $" (what was left of the stage's {_timeout.TotalMinutes:0.#} min)";
        _environment.Log.Warning(
            ErrorCodes.GuestNotSettled,
            $"The guest of the {_stage} stage was still busy after {waited}{cut}: {outcome.Described}. The snapshot was taken " +
            "anyway, and every build revived from it shares the CPU with what the guest was doing.");
        return $"the guest still busy after {waited}";
    }

    /// <summary>
    /// Restarts the guest the session is logged in to, and logs in again once it is back. That it went down is seen from
    /// the host (QEMU's reset event), not asked of a guest that may reset under the question.
    /// </summary>
    public async Task RestartGuestAsync(IGuestProfile guest, string privateKeyFile, HostKeyPin hostKey, CancellationToken cancellationToken)
    {
        var reset = Guest.NextReset;
        var restart = RunCheckedAsync(guest.RestartCommand, "restarting the guest", cancellationToken);
        if (await Task.WhenAny(restart, reset).ConfigureAwait(false) == restart)
        {
            await restart.ConfigureAwait(false);
        }
        else
        {
            // The guest reset before its command's exit status came back: that command's connection is gone with it.
            _ = restart.ContinueWith(static command => command.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        try
        {
            await Task.WhenAny(reset, GuestGone).WaitAsync(Remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw await TimedOutAsync().ConfigureAwait(false);
        }

        if (!reset.IsCompleted)
        {
            throw GuestStopped("while it restarted");
        }

        Progress("guest restarted");
        _ssh?.Dispose();
        _ssh = null;
        await ConnectAsync(guest.SshUser, privateKeyFile, hostKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Has the guest flush its disk and power off, and waits, within the stage's time, until it has.</summary>
    public async Task PowerOffGuestAsync(IGuestProfile guest, CancellationToken cancellationToken)
    {
        await RunCheckedAsync(guest.PowerOffCommand, "powering the guest off", cancellationToken).ConfigureAwait(false);
        _ssh?.Dispose();
        _ssh = null;
        await WaitForGuestPowerOffAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits, within the stage's time, for the guest to power off by itself.</summary>
    public async Task WaitForGuestPowerOffAsync(CancellationToken cancellationToken)
    {
        if (!await Guest.WaitForExitAsync(Remaining, cancellationToken).ConfigureAwait(false))
        {
            throw await TimedOutAsync().ConfigureAwait(false);
        }

        if (_reportedFailure.Task.IsCompleted)
        {
            throw GuestStopped("after its hand-off");
        }
    }

    /// <summary>Runs a short command of the stage's own; a failure is WVB0402's kind: the guest refused what the stage needs.</summary>
    private async Task RunCheckedAsync(string script, string what, CancellationToken cancellationToken)
    {
        var output = new OutputTail();
        var status = await RunAsync(new GuestCommand(script) { OnOutputLine = output.Add, OnErrorLine = output.Add }, cancellationToken).ConfigureAwait(false);
        if (status != 0)
        {
            throw new WinVmException(ErrorCodes.GuestStopped, $"The guest of the {_stage} stage failed {what} (exit code {status}).{output}");
        }
    }

    /// <summary>
    /// How a person logs in to the guest, with OpenSSH's client, trusting only the guest's host key (written to a
    /// known_hosts file in the session's folder), to a login shell in the project's folder.
    /// </summary>
    public async Task<GuestLogin> LoginAsync(IGuestProfile guest, string privateKeyFile, CancellationToken cancellationToken)
    {
        var ssh = _ssh ?? throw new InvalidOperationException("The session is not connected.");
        var port = await Guest.SshPortAsync(cancellationToken).ConfigureAwait(false);
        var knownHosts = Path.Combine(WorkFolder, "known_hosts");
        await PrivateFile.WriteTextAsync(knownHosts, GuestLogin.KnownHostsLine(port, ssh.HostPublicKey) + "\n", cancellationToken).ConfigureAwait(false);
        return new GuestLogin(new SshTarget(port, guest.SshUser, privateKeyFile, ssh.HostKey), knownHosts, GuestScripts.LoginInProject(guest.Shell));
    }

    /// <summary>
    /// Leaves the guest running after this build, for a person to look inside, for <paramref name="bound"/> at most:
    /// the session is handed to its watcher, which stops it then, or once the guest powers off.
    /// </summary>
    public async Task KeepAsync(TimeSpan bound)
    {
        await Guest.LetRunAsync().ConfigureAwait(false);
        _lease.Keep(DateTimeOffset.UtcNow + bound);
        _kept = true;
    }

    /// <summary>The one progress message of a stage, with its elapsed time: the stage succeeded.</summary>
    public void ReportDone(string what)
    {
        _succeeded = true;
        _environment.Log.Message($"WinVmBuild: {_stage}: {what} in {_elapsed.Elapsed:m\\:ss\\.f}");
    }

    /// <summary>A step of the stage for the detailed log, with the time since it started (the revive benchmark reads these).</summary>
    public void Progress(string step) => _environment.Log.Detail($"{_stage}: {step} at {_elapsed.Elapsed.TotalSeconds:0.000} s");

    public async ValueTask DisposeAsync()
    {
        _ssh?.Dispose();
        if (!_succeeded && !_kept && !_cancellation.IsCancellationRequested && _environment.KeepOnFailure is { } bound
            && _guest is { HasExited: false, VncSocketPath: { } screen })
        {
            _environment.Log.Warning(
                ErrorCodes.FailedStageGuestKept,
                $"The guest of the failed {_stage} stage is kept running for {bound.TotalMinutes:0.#} min (WinVmKeepOnFailure) for you to look at. " +
                $"Its screen is served over VNC on the unix socket {screen}, which only you can reach: open it with a viewer that takes a " +
                $"socket (TigerVNC: vncviewer {screen}), or forward it to a loopback port (socat TCP-LISTEN:5901,bind=127.0.0.1 " +
                $"UNIX-CONNECT:{screen}) and view 127.0.0.1:1.");
            await KeepAsync(bound).ConfigureAwait(false);
        }

        if (_guest is not null)
        {
            await _guest.DisposeAsync().ConfigureAwait(false);
        }

        await _diagnostics.FinishAsync(_succeeded, _guest, _environment.Log).ConfigureAwait(false);
        await _lease.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Every console line goes to the detailed log; a guest saying its install failed ends the waits at once.</summary>
    private void OnConsoleLine(string line)
    {
        _environment.Log.Detail($"{_stage} guest: {line}");
        var marker = line.IndexOf(InstallHandOff.FailureMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            _reportedFailure.TrySetResult(line[(marker + InstallHandOff.FailureMarker.Length)..]);
        }
    }

    /// <summary>Completes when the guest's QEMU exits or the guest reports a failure: either ends a wait for it.</summary>
    private Task GuestGone => Task.WhenAny(Guest.Exited, _reportedFailure.Task);

    /// <summary>The error for a guest that stopped: what it said was wrong, when it said so (WVB0409), else WVB0356.</summary>
    private WinVmException GuestStopped(string when) => _reportedFailure.Task.IsCompleted
        ? new(
            ErrorCodes.GuestReportedFailure,
            $"The guest of the {_stage} stage reported that it failed: {_reportedFailure.Task.Result}\nLast console lines:\n  " +
            string.Join("\n  ", Guest.ConsoleTail(15)))
        : new(
            ErrorCodes.GuestStopped,
            $"The guest VM of the {_stage} stage stopped {when}: it powered off or crashed.{CacheFullHint()} Last console lines:\n  " +
            string.Join("\n  ", Guest.ConsoleTail(15)));

    /// <summary>
    /// Why a guest whose RAM is a file in the cache stops: the file system filled up, and QEMU dies on the page it
    /// could not get.
    /// </summary>
    private string CacheFullHint()
    {
        const long AlmostNothing = 1 << 20;
        return Guest.Spec.Memory is { Shared: true } && CacheFolderCheck.FreeBytes(_environment.Cache.Root) < AlmostNothing
            ? $" The cache folder '{_environment.Cache.Root}' has no space left: the guest's memory is a file there, and QEMU stops " +
              "when it cannot grow. Free space there, then build again."
            : string.Empty;
    }

    /// <summary>The error for a stage past its time: what the guest's screen and console showed last.</summary>
    private async Task<WinVmException> TimedOutAsync() => new(
        ErrorCodes.StageTimedOut,
        $"The {_stage} stage did not finish within {_timeout.TotalMinutes:0.#} min." + await GuestStateAsync(screenshot: true).ConfigureAwait(false));

    /// <summary>
    /// Runs one of QEMU's own steps (a state loaded or saved, a quit): one that fails or passes its bound is reported
    /// with the stage's name, the guest's screen and its console.
    /// </summary>
    private async Task QemuStepAsync(Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (WinVmException e) when (e.Code is ErrorCodes.QmpNoAnswer or ErrorCodes.SnapshotFailed or ErrorCodes.QemuExited or ErrorCodes.QmpCommandFailed)
        {
            var state = await GuestStateAsync(screenshot: e.Code != ErrorCodes.QmpNoAnswer).ConfigureAwait(false);
            throw new WinVmException(e.Code, $"The {_stage} stage failed: {e.Message}{state}", e) { File = e.File };
        }
    }

    /// <summary>The guest's screen, saved now when QEMU can still answer, and its last console lines.</summary>
    private async Task<string> GuestStateAsync(bool screenshot)
    {
        if (_guest is null)
        {
            return string.Empty;
        }

        var state = string.Empty;
        if (screenshot && !_guest.HasExited)
        {
            try
            {
                state += $"\nScreenshot of the guest: {await _diagnostics.SaveScreenAsync(_guest).ConfigureAwait(false)}";
            }
            catch (WinVmException e)
            {
                state += $"\n(No screenshot: {e.Message})";
            }
        }

        return state + "\nLast console lines of the guest:\n  " + string.Join("\n  ", _guest.ConsoleTail(15));
    }
}
