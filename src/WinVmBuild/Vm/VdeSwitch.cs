using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Vm;

/// <summary>
/// A private virtual Ethernet switch (<c>vde_switch</c>) whose only port is a folder of unix sockets: VMs
/// plugged into it reach each other and nothing else, and no host port is opened, so builds run side by side.
/// Disposing it stops the switch.
/// </summary>
public sealed class VdeSwitch : IAsyncDisposable
{
    // sockaddr_un holds 108 bytes; the VMs' plugs add their own socket names inside the folder.
    private const int MaximumFolderLength = 80;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly RunningProcess _process;

    private VdeSwitch(string folder, RunningProcess process)
    {
        Folder = folder;
        _process = process;
    }

    /// <summary>The socket folder, for <see cref="QemuNetwork.SwitchFolder"/>.</summary>
    public string Folder { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts a switch on <paramref name="folder"/> (created; must not hold another switch) and waits until it accepts VMs.</summary>
    public static async Task<VdeSwitch> StartAsync(string folder, IBuildLog log, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(folder);
        if (full.Length > MaximumFolderLength)
        {
            throw new WinVmException(
                ErrorCodes.SocketPathTooLong,
                $"The switch folder '{full}' is {full.Length} characters long; unix sockets inside it allow at most {MaximumFolderLength}.") { File = full };
        }

        // vde_switch quits at the end of its standard input, which RunningProcess closes. Reading a FIFO it
        // holds open for writing itself never ends: the switch runs in the foreground, a child this process
        // kills and reaps, rather than a daemon that could outlive a failed build.
        var standardInput = full + ".stdin";
        File.Delete(standardInput);
        if (Directory.Exists(full))
        {
            File.Delete(Path.Combine(full, "ctl")); // A killed switch's socket would look ready.
        }
        var spec = new ProcessSpec("sh", ["-c", "mkfifo \"$2\" && exec vde_switch --sock \"$1\" --dirmode 0700 0<>\"$2\"", "sh", full, standardInput])
        {
            OnErrorLine = line => log.Detail("vde_switch: " + line),
        };
        log.Detail($"vde_switch --sock {full}");
        var process = RunningProcess.Start(spec);
        var vdeSwitch = new VdeSwitch(full, process);
        try
        {
            await vdeSwitch.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return vdeSwitch;
        }
        catch
        {
            await vdeSwitch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        File.Delete(Folder + ".stdin");
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(Path.Combine(Folder, "ctl")))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                var result = _process.HasExited ? await _process.Completion.ConfigureAwait(false) : null;
                throw new WinVmException(
                    ErrorCodes.VdeSwitchFailed,
                    $"vde_switch did not create its control socket in '{Folder}'" +
                    (result is null ? $" within {StartTimeout.TotalSeconds:0} s." : $": it exited with code {result.ExitCode}:\n{result.Tail()}\n") +
                    " It comes with Debian's 'vde2' package (build/install-deps.sh installs it).");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }
}
