using System.Text;
using WinVmBuild.Guests;
using WinVmBuild.Host;

namespace WinVmBuild.IntegrationTests.Appliances;

// Stand-ins for Vm/VdeSwitch and Vm/QemuMachine until those are merged: the lead replaces this file.
// They only turn the appliances' VmDevices into plain arguments; what each VM is made of lives in product code.

/// <summary>A private vde_switch on a socket folder, as a child process.</summary>
internal sealed class RawSwitch : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private RawSwitch(RunningProcess process, string socketFolder)
    {
        _process = process;
        SocketFolder = socketFolder;
    }

    public string SocketFolder { get; }

    public int ProcessId => _process.Id;

    public static async Task<RawSwitch> StartAsync(string workFolder)
    {
        var socketFolder = Path.Combine(workFolder, "switch");
        var console = Path.Combine(workFolder, "switch.stdin");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("mkfifo", [console]), CancellationToken.None);

        // vde_switch quits at the end of its standard input, which RunningProcess closes. A FIFO opened for
        // reading and writing never ends, and exec keeps vde_switch itself as the process that is killed.
        var process = RunningProcess.Start(new ProcessSpec("sh", ["-c", "exec vde_switch -s \"$1\" 0<>\"$2\"", "sh", socketFolder, console]));
        var running = new RawSwitch(process, socketFolder);
        while (!File.Exists(Path.Combine(socketFolder, "ctl")))
        {
            if (process.HasExited)
            {
                var result = await process.Completion;
                throw new InvalidOperationException("vde_switch stopped: " + result.Tail());
            }

            await Task.Delay(20);
        }

        return running;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

/// <summary>A QEMU VM (TCG) built from <see cref="VmDevices"/>, its serial console collected line by line.</summary>
internal sealed class RawVm : IAsyncDisposable
{
    private readonly RunningProcess _process;
    private readonly StringBuilder _console;

    private RawVm(RunningProcess process, StringBuilder console)
    {
        _process = process;
        _console = console;
    }

    public int ProcessId => _process.Id;

    /// <summary>Completes when QEMU has exited (the VM powered off, or QEMU failed).</summary>
    public Task<ProcessResult> Exited => _process.Completion;

    public string Console
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    public static RawVm Start(VmDevices devices, RawSwitch network)
    {
        var console = new StringBuilder();
        var spec = new ProcessSpec("qemu-system-x86_64", Arguments(devices, network))
        {
            DebianPackage = "qemu-system-x86",
            OnOutputLine = line =>
            {
                lock (console)
                {
                    console.Append(line).Append('\n');
                }
            },
        };
        return new RawVm(RunningProcess.Start(spec), console);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static List<string> Arguments(VmDevices devices, RawSwitch network)
    {
        var arguments = new List<string>
        {
            "-machine", "pc", "-accel", "tcg", "-m", devices.MemoryMegabytes.ToString(),
            "-nodefaults", "-display", "none", "-no-reboot", "-serial", "stdio",
            "-netdev", $"vde,id=n0,sock={network.SocketFolder}",
            "-device", $"{devices.Nic.Model},netdev=n0,mac={devices.Nic.MacAddress}",
        };
        if (devices.KernelPath is not null)
        {
            arguments.AddRange(["-kernel", devices.KernelPath, "-initrd", devices.InitrdPath!, "-append", devices.KernelArguments ?? string.Empty]);
        }

        foreach (var (drive, index) in devices.Drives.Select((drive, index) => (drive, index)))
        {
            var readOnly = drive.ReadOnly ? ",readonly=on" : string.Empty;
            var file = $"file={drive.Path},format={drive.Format}{readOnly}";
            switch (drive.Kind)
            {
                case VmDriveKind.Virtio:
                    var serial = drive.Serial is null ? string.Empty : $",serial={drive.Serial}";
                    arguments.AddRange(["-drive", $"{file},if=none,id=d{index}", "-device", $"virtio-blk-pci,drive=d{index}{serial}"]);
                    break;
                case VmDriveKind.IdeDisk:
                    arguments.AddRange(["-drive", $"{file},if=ide"]);
                    break;
                case VmDriveKind.Cdrom:
                    arguments.AddRange(["-drive", $"{file},if=ide,media=cdrom"]);
                    break;
                case VmDriveKind.Floppy:
                    arguments.AddRange(["-drive", $"{file},if=floppy,index=0"]);
                    break;
            }
        }

        foreach (var (export, index) in devices.NinePExports.Select((export, index) => (export, index)))
        {
            var readOnly = export.ReadOnly ? ",readonly=on" : string.Empty;
            arguments.AddRange([
                "-fsdev", $"local,id=fs{index},path={export.HostPath},security_model=none{readOnly}",
                "-device", $"virtio-9p-pci,fsdev=fs{index},mount_tag={export.Tag}",
            ]);
        }

        return arguments;
    }
}
