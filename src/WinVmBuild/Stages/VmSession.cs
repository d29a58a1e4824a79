using System.Diagnostics;
using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;
using WinVmBuild.Media;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// One VM stage's run: a private switch, the guest, and a controller that runs one command in the guest, in a
/// work folder of their own (so builds run side by side). Everything the stage needs is bounded by its timeout,
/// and a timed-out stage is reported with the guest's screen and console. Disposing stops every VM and the
/// switch and removes the work folder (which holds a copy of the key and the Samba password).
/// </summary>
internal sealed class VmSession : IAsyncDisposable
{
    private readonly VmStageEnvironment _environment;
    private readonly string _stage;
    private readonly TimeSpan _timeout;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly VdeSwitch _network;
    private QemuMachine? _guest;
    private QemuMachine? _controller;

    private VmSession(VmStageEnvironment environment, string stage, TimeSpan timeout, string workFolder, VdeSwitch network)
    {
        _environment = environment;
        _stage = stage;
        _timeout = timeout;
        WorkFolder = workFolder;
        _network = network;
        Exchange = new ControllerSession(Path.Combine(workFolder, SharedFolder.ExchangeName));
    }

    public string WorkFolder { get; }

    /// <summary>The controller's exchange folder: command in, log, exit code and outputs out.</summary>
    public ControllerSession Exchange { get; }

    private TimeSpan Remaining => _timeout > _elapsed.Elapsed ? _timeout - _elapsed.Elapsed : TimeSpan.Zero;

    public static async Task<VmSession> StartAsync(VmStageEnvironment environment, string stage, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Under /tmp, short: the switch's unix sockets must fit in 108 bytes. Created 0700.
        var workFolder = Directory.CreateTempSubdirectory("wvb-").FullName;
        try
        {
            var network = await VdeSwitch.StartAsync(Path.Combine(workFolder, "switch"), environment.Log, cancellationToken).ConfigureAwait(false);
            return new VmSession(environment, stage, timeout, workFolder, network);
        }
        catch
        {
            Directory.Delete(workFolder, recursive: true);
            throw;
        }
    }

    public async Task<QemuMachine> StartGuestAsync(Func<VmSlot, QemuMachineSpec> machine, CancellationToken cancellationToken)
    {
        var spec = machine(Slot("guest"));
        _guest = await QemuMachine.StartAsync(spec, Path.Combine(WorkFolder, "guest"), _environment.Log, Detail("guest"), cancellationToken)
            .ConfigureAwait(false);
        return _guest;
    }

    /// <summary>
    /// Boots a fresh controller that runs <paramref name="commandScript"/> in the guest over SSH as
    /// <paramref name="guestUser"/>, serving <paramref name="shares"/>; each output line goes to
    /// <paramref name="onOutputLine"/> as it arrives.
    /// </summary>
    public async Task<ControllerResult> RunInGuestAsync(
        string guestUser,
        string privateKey,
        IReadOnlyList<SharedFolder> shares,
        SambaAccount account,
        string commandScript,
        Action<string> onOutputLine,
        CancellationToken cancellationToken)
    {
        var config = new ControllerConfig(guestUser, account, shares, Remaining);
        await Exchange.PrepareAsync(config, commandScript, privateKey, cancellationToken).ConfigureAwait(false);
        var initrd = Path.Combine(WorkFolder, "controller.cpio");
        await ControllerAppliance.BuildInitrdAsync(_environment.Kernel, initrd).ConfigureAwait(false);
        _controller = await QemuMachine.StartAsync(
            ControllerAppliance.Machine(Slot("controller"), _environment.Kernel, initrd, Exchange.XchgFolder, config),
            Path.Combine(WorkFolder, "controller"),
            _environment.Log,
            Detail("controller"),
            cancellationToken).ConfigureAwait(false);
        try
        {
            return await Exchange.FollowAsync(_controller.Exited.WaitAsync(Remaining, cancellationToken), onOutputLine, cancellationToken, _guest?.Exited)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw await TimedOutAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits, within the stage's time, for the guest to power off by itself.</summary>
    public async Task WaitForGuestPowerOffAsync(CancellationToken cancellationToken)
    {
        if (!await Guest.WaitForExitAsync(Remaining, cancellationToken).ConfigureAwait(false))
        {
            throw await TimedOutAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A fresh Samba account for one controller: the guest connects its shares anew on every run.</summary>
    public static SambaAccount NewSambaAccount() => new("winvmbuild", PasswordGenerator.Generate());

    /// <summary>The one progress message of a stage, with its elapsed time.</summary>
    public void ReportDone(string what) => _environment.Log.Message($"WinVmBuild: {_stage}: {what} in {_elapsed.Elapsed:m\\:ss}");

    public async ValueTask DisposeAsync()
    {
        foreach (var machine in new[] { _controller, _guest })
        {
            if (machine is not null)
            {
                await machine.DisposeAsync().ConfigureAwait(false);
            }
        }

        await _network.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(WorkFolder, recursive: true);
    }

    private QemuMachine Guest => _guest ?? throw new InvalidOperationException("The guest was not started.");

    private VmSlot Slot(string role) => new($"winvmbuild-{_stage}-{role}", _environment.Accelerator, _network.Folder);

    private Action<string> Detail(string role) => line => _environment.Log.Detail($"{_stage} {role}: {line}");

    /// <summary>The error for a stage past its time: what the guest's screen and both consoles showed last.</summary>
    private async Task<WinVmException> TimedOutAsync()
    {
        var message = $"The {_stage} stage did not finish within {_timeout.TotalMinutes:0.#} min.";
        if (_guest is { HasExited: false })
        {
            Directory.CreateDirectory(_environment.DiagnosticsFolder);
            var stem = Path.Combine(_environment.DiagnosticsFolder, $"{_stage}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
            try
            {
                message += $"\nScreenshot of the guest: {await _guest.ScreendumpAsync(stem + ".png", CancellationToken.None).ConfigureAwait(false)}";
            }
            catch (WinVmException e)
            {
                message += $"\n(No screenshot: {e.Message})";
            }
        }

        foreach (var (role, machine) in new[] { ("guest", _guest), ("controller", _controller) })
        {
            if (machine is not null)
            {
                message += $"\nLast console lines of the {role}:\n  " + string.Join("\n  ", machine.ConsoleTail(15));
            }
        }

        return new WinVmException(ErrorCodes.StageTimedOut, message);
    }
}
