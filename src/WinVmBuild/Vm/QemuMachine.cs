using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Vm;

/// <summary>
/// One running QEMU VM: started from a <see cref="QemuMachineSpec"/> in its own work folder (pidfile, QMP
/// socket, serial console log), driven over QMP, saved to and revived from a state file. Disposing it kills QEMU
/// and everything QEMU started (the smbd processes of its shares) and reaps them, so no failure or cancellation
/// leaves a VM running.
/// </summary>
public sealed class QemuMachine : IAsyncDisposable
{
    public const string Program = "qemu-system-x86_64";
    private static readonly TimeSpan QmpStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly IBuildLog _log;
    private readonly GuestConsole _console;
    private readonly ConcurrentQueue<string> _errorLines = new();
    private RunningProcess? _process;
    private QmpClient? _qmp;
    private TaskCompletionSource _nextReset = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private QemuMachine(QemuMachineSpec spec, string workFolder, IBuildLog log, Action<string>? onConsoleLine)
    {
        Spec = spec;
        WorkFolder = workFolder;
        _log = log;
        _console = new GuestConsole(onConsoleLine);
    }

    public QemuMachineSpec Spec { get; }

    public string WorkFolder { get; }

    public int ProcessId => Process.Id;

    /// <summary>Everything the guest wrote to its serial console.</summary>
    public string ConsoleLogPath => Path.Combine(WorkFolder, QemuArguments.ConsoleLog);

    public bool HasExited => Process.HasExited;

    /// <summary>Where the guest's screen is served over VNC, when its spec asks for a display (<see cref="QemuMachineSpec.VncDisplay"/>).</summary>
    public string? VncSocketPath => Spec.VncDisplay ? Path.Combine(WorkFolder, QemuArguments.VncSocket) : null;

    /// <summary>
    /// The host CPU time QEMU has used so far, all its threads (the vCPUs', the devices'): what the guest costs the
    /// host, read from /proc without asking the guest (<see cref="CpuSettle"/>).
    /// </summary>
    public TimeSpan CpuTime => Process.CpuTime;

    /// <summary>Completes when QEMU has exited: the guest powered off, or QEMU was stopped.</summary>
    public Task Exited => Process.Completion;

    /// <summary>
    /// Completes when the guest next resets itself (a reboot: QMP's <c>RESET</c> event), however it went down: seen
    /// from the host, so it needs nothing of the guest but a machine that may reboot (<see cref="QemuMachineSpec.NoReboot"/> off).
    /// Take it before asking the guest to restart.
    /// </summary>
    public Task NextReset => Volatile.Read(ref _nextReset).Task;

    private RunningProcess Process => _process ?? throw new InvalidOperationException("QEMU was not started.");

    private QmpClient Qmp => _qmp ?? throw new InvalidOperationException("QMP is not connected.");

    /// <summary>
    /// Starts QEMU and returns once QMP answers: a booting VM runs, a <see cref="QemuMachineSpec.Incoming"/> one waits
    /// for <see cref="ReviveAsync"/>. Each console line goes to <paramref name="onConsoleLine"/> as it arrives.
    /// </summary>
    public static async Task<QemuMachine> StartAsync(
        QemuMachineSpec spec, string workFolder, IBuildLog log, Action<string>? onConsoleLine, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(workFolder);
        var arguments = QemuArguments.Build(spec);
        PrepareWorkFolder(spec, folder);
        cancellationToken.ThrowIfCancellationRequested();

        var machine = new QemuMachine(spec, folder, log, onConsoleLine);
        var processSpec = new ProcessSpec(Program, arguments)
        {
            WorkingDirectory = folder,

            // QEMU, the smbd processes it starts for the shares and its state's writer and reader: all marked as the
            // work of the folder's session, so that they are found and stopped together if the build dies.
            Session = folder,
            DebianPackage = "qemu-system-x86",
            OnOutputLine = machine._console.Add,
            OnErrorLine = machine.OnErrorLine,
        };
        log.Detail(processSpec.ToString());
        machine._process = RunningProcess.Start(processSpec);
        try
        {
            machine._qmp = await machine.ConnectQmpAsync(cancellationToken).ConfigureAwait(false);
            return machine;
        }
        catch
        {
            await machine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a QMP command and returns its <c>return</c> value; QEMU's refusal throws WVB0311.</summary>
    public Task<JsonElement> ExecuteAsync(string command, JsonObject? arguments, CancellationToken cancellationToken) =>
        Qmp.ExecuteAsync(command, arguments, cancellationToken);

    /// <summary>The last <paramref name="lines"/> console lines (of the last 500).</summary>
    public IReadOnlyList<string> ConsoleTail(int lines) => _console.Tail(lines);

    /// <summary>
    /// Returns the first console line containing <paramref name="text"/>, among those already printed (the last
    /// 500) or printed within <paramref name="timeout"/>. Throws WVB0320 at the timeout, WVB0312 if QEMU exits.
    /// </summary>
    public async Task<string> WaitForConsoleLineAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var giveUp = Task.WhenAny(Process.Completion, Task.Delay(timeout, delay.Token));
        var line = await _console.WaitForLineAsync(text, giveUp).ConfigureAwait(false);
        delay.Cancel();
        if (line is not null)
        {
            return line;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var why = HasExited ? $"QEMU exited before '{Spec.Name}' printed" : $"'{Spec.Name}' did not print within {timeout.TotalSeconds:0} s";
        throw new WinVmException(
            HasExited ? ErrorCodes.QemuExited : ErrorCodes.GuestConsoleTimeout,
            $"{why} a line containing '{text}'. Last console lines:\n{string.Join('\n', ConsoleTail(20))}");
    }

    /// <summary>
    /// Saves the screen to <paramref name="path"/> as PNG, or as PPM (the extension changed to .ppm) when this
    /// QEMU cannot write PNG; returns the file written. Shows why a guest is stuck.
    /// </summary>
    public async Task<string> ScreendumpAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        try
        {
            await ExecuteAsync("screendump", new JsonObject { ["filename"] = full, ["format"] = "png" }, cancellationToken).ConfigureAwait(false);
            return full;
        }
        catch (WinVmException e) when (e.Code == ErrorCodes.QmpCommandFailed)
        {
            var ppm = Path.ChangeExtension(full, ".ppm");
            await ExecuteAsync("screendump", new JsonObject { ["filename"] = ppm }, cancellationToken).ConfigureAwait(false);
            return ppm;
        }
    }

    /// <summary>
    /// Waits for the VM to end by itself (the guest powered off); false when it still runs after
    /// <paramref name="timeout"/>. Cancellation kills QEMU.
    /// </summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Process.Completion.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            Process.Kill();
            throw;
        }
    }

    /// <summary>
    /// Stops the VM and writes its state to <paramref name="stateFile"/> (published atomically): the devices' state
    /// alone when its RAM is a <see cref="MemoryFile"/>, its whole memory compressed otherwise
    /// (<see cref="StateFileName"/> names it). The VM stays stopped: quit it, then revive the state in a new machine.
    /// </summary>
    public Task SaveStateAsync(string stateFile, CancellationToken cancellationToken) =>
        MigrationStream.SaveAsync(Qmp, Spec, stateFile, cancellationToken);

    /// <summary>The usual name of the state file <see cref="SaveStateAsync"/> writes for a machine like <paramref name="spec"/>.</summary>
    public static string StateFileName(QemuMachineSpec spec) => MigrationStream.FileName(spec);

    /// <summary>
    /// Loads <paramref name="stateFile"/> into this <see cref="QemuMachineSpec.Incoming"/> machine and lets it continue
    /// where it was saved. A state QEMU cannot load (another QEMU, other settings, a damaged file) is WVB0313.
    /// </summary>
    public async Task ReviveAsync(string stateFile, CancellationToken cancellationToken)
    {
        if (!Spec.Incoming)
        {
            throw new InvalidOperationException($"'{Spec.Name}' was not started to receive a state.");
        }

        if (!File.Exists(stateFile))
        {
            throw new WinVmException(ErrorCodes.InputFileMissing, $"The state file '{stateFile}' does not exist.") { File = stateFile };
        }

        try
        {
            await MigrationStream.LoadAsync(Qmp, Spec, stateFile, cancellationToken).ConfigureAwait(false);
            _log.Detail($"{Spec.Name}: state loaded");
            await ExecuteAsync("cont", null, cancellationToken).ConfigureAwait(false);
        }
        catch (WinVmException e) when (e.Code is ErrorCodes.QemuExited or ErrorCodes.SnapshotFailed)
        {
            // QEMU exits as soon as a load fails; its last words say why.
            await ((Task)Process.Completion.WaitAsync(QuitTimeout, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw RevivalFailure(stateFile, e);
        }
    }

    /// <summary>The host's loopback port that QEMU forwards to the guest's sshd, from its <c>info usernet</c> table.</summary>
    public async Task<int> SshPortAsync(CancellationToken cancellationToken)
    {
        var table = await ExecuteAsync("human-monitor-command", new JsonObject { ["command-line"] = "info usernet" }, cancellationToken)
            .ConfigureAwait(false);
        return UserNetworkTable.SshPort(table.GetString() ?? string.Empty);
    }

    /// <summary>Asks QEMU to quit and waits for it to exit (killing it if it does not within 30 s).</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("quit", null, cancellationToken).ConfigureAwait(false);
        }
        catch (WinVmException e) when (e.Code == ErrorCodes.QemuExited)
        {
            // It exited before its answer arrived: what "quit" asks for.
        }

        if (!await WaitForExitAsync(QuitTimeout, cancellationToken).ConfigureAwait(false))
        {
            Process.Kill();
        }
    }

    /// <summary>
    /// Lets the VM run on after this process lets go of it (a guest kept for a person to log in to): QMP is closed
    /// (QEMU takes a new client), and disposing no longer stops QEMU. The session's reaper stops it later.
    /// </summary>
    public async Task LetRunAsync()
    {
        Process.LetRun();
        if (_qmp is not null)
        {
            await _qmp.DisposeAsync().ConfigureAwait(false);
            _qmp = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_qmp is not null)
        {
            await _qmp.DisposeAsync().ConfigureAwait(false);
        }

        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void PrepareWorkFolder(QemuMachineSpec spec, string folder)
    {
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, QemuArguments.QmpSocket));
        File.Delete(Path.Combine(folder, QemuArguments.PidFile));
        if (spec.Uefi is { } uefi)
        {
            foreach (var file in new[] { uefi.CodeFile, uefi.VariablesTemplate }.Where(file => !File.Exists(file)))
            {
                throw new WinVmException(
                    ErrorCodes.UefiFirmwareMissing,
                    $"The UEFI firmware file '{file}' does not exist. Install Debian's 'ovmf' package (build/install-deps.sh does).") { File = file };
            }

            // Each machine writes its own copy of the variable store; a revived one keeps the copy it has.
            var variables = Path.Combine(folder, QemuArguments.UefiVariables);
            if (!File.Exists(variables))
            {
                File.Copy(uefi.VariablesTemplate, variables);
            }
        }
    }

    private async Task<QmpClient> ConnectQmpAsync(CancellationToken cancellationToken)
    {
        // Through QEMU's working directory, so the path stays short whatever the work folder's length.
        var socketPath = $"/proc/{Process.Id}/cwd/{QemuArguments.QmpSocket}";
        var deadline = DateTime.UtcNow + QmpStartTimeout;
        while (true)
        {
            if (HasExited)
            {
                throw await StartFailureAsync("exited while starting").ConfigureAwait(false);
            }

            if (File.Exists(Path.Combine(WorkFolder, QemuArguments.QmpSocket)))
            {
                // Bounded too: a QEMU whose main loop is stuck (7.2 spins on an empty incoming stream) never greets.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(Max(deadline - DateTime.UtcNow, TimeSpan.Zero));
                try
                {
                    return await QmpClient.ConnectAsync(socketPath, OnQmpEvent, attempt.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException || e is WinVmException { Code: ErrorCodes.QemuExited }
                                          || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Not listening yet, exiting, or out of time: the next round tells which.
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw await StartFailureAsync($"did not answer on its QMP socket within {QmpStartTimeout.TotalSeconds:0} s")
                    .ConfigureAwait(false);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private WinVmException RevivalFailure(string stateFile, Exception? inner) => new(
        ErrorCodes.SnapshotFailed,
        $"QEMU could not revive '{Spec.Name}' from '{stateFile}' (a state saved by another QEMU version or " +
        $"with different VM settings, or a damaged file):\n{ErrorTail()}", inner) { File = stateFile };

    private async Task<WinVmException> StartFailureAsync(string what)
    {
        if (HasExited)
        {
            await Process.Completion.ConfigureAwait(false);
        }

        return new WinVmException(ErrorCodes.QemuStartFailed, $"QEMU for '{Spec.Name}' {what}:\n{ErrorTail()}");
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    private string ErrorTail() => string.Join('\n', _errorLines.TakeLast(15));

    private void OnErrorLine(string line)
    {
        _errorLines.Enqueue(line);
        _log.Detail($"{Spec.Name} qemu: {line}");
    }

    private void OnQmpEvent(JsonElement message)
    {
        var name = message.GetProperty("event").GetString();
        _log.Detail($"{Spec.Name} QMP event: {name}");
        if (name == "RESET")
        {
            Interlocked.Exchange(ref _nextReset, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
