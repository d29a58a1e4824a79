using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Vm;

/// <summary>Real QEMU under TCG booting a busybox guest: start, console, QMP, snapshot and revive, failures.</summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed partial class QemuMachineTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);

    private const string Counter = """
        echo guest-started
        i=0
        while true; do
          echo "count $i" | dd of=/dev/vda conv=notrunc,fsync 2>/dev/null
          echo "count $i disk=$(head -c 9 /dev/vda)"
          i=$((i+1))
          sleep 0.2
        done
        """;

    [TestMethod]
    public async Task Boots_to_userspace_answers_QMP_and_takes_a_screenshot()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-boot");
        var spec = await BusyboxGuest.CreateAsync(scratch, "boot", "echo hello-from-init; sleep 600");
        var lines = new List<string>();
        await using var machine = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, line => { lock (lines) { lines.Add(line); } }, CancellationToken.None);

        await machine.WaitForConsoleLineAsync("hello-from-init", Boot, CancellationToken.None);
        lock (lines)
        {
            CollectionAssert.Contains(lines, "hello-from-init");
        }

        StringAssert.Contains(File.ReadAllText(machine.ConsoleLogPath), "hello-from-init");
        Assert.AreEqual(machine.ProcessId.ToString(), File.ReadAllText(Path.Combine(machine.WorkFolder, QemuArguments.PidFile)).Trim());
        var status = await machine.ExecuteAsync("query-status", null, CancellationToken.None);
        Assert.AreEqual("running", status.GetProperty("status").GetString());

        var screenshot = await machine.ScreendumpAsync(Path.Combine(scratch, "screen.png"), CancellationToken.None);
        var bytes = File.ReadAllBytes(screenshot);
        Assert.IsTrue(bytes.Length > 100, $"{screenshot} has {bytes.Length} bytes");
        Assert.IsTrue(bytes.AsSpan(1, 3).SequenceEqual("PNG"u8) || bytes.AsSpan(0, 2).SequenceEqual("P6"u8), "neither PNG nor PPM");
    }

    [TestMethod]
    [DataRow(true, "state.bin")]
    [DataRow(false, "state.zst")]
    public async Task A_saved_state_revives_where_it_was_and_neither_its_disk_nor_its_ram_file_change(bool mappedMemory, string stateName)
    {
        var scratch = TestPaths.NewScratchFolder("qemu-revive");
        var disk = Path.Combine(scratch, "disk.qcow2");
        var ram = Path.Combine(scratch, "ram.img");
        await QemuImg.CreateAsync(disk, 1, CancellationToken.None);
        var spec = await BusyboxGuest.CreateAsync(scratch, "revive", Counter) with
        {
            Drives = [new QemuDrive(disk, DriveKind.Disk, DriveInterface.Virtio) { Snapshot = true }],
            Memory = mappedMemory ? new MemoryFile(ram, Shared: true) : null,
        };
        var diskHash = Hash(disk);
        var state = Path.Combine(scratch, QemuMachine.StateFileName(spec));

        int countAtSave;
        await using (var original = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "original"), NullBuildLog.Instance, null, CancellationToken.None))
        {
            await original.WaitForConsoleLineAsync("count 10 ", Boot, CancellationToken.None);
            await original.SaveStateAsync(state, CancellationToken.None);
            countAtSave = LastCount(original.ConsoleTail(5));
            await original.QuitAsync(CancellationToken.None);
        }

        Assert.AreEqual(stateName, Path.GetFileName(state));
        var stateSize = new FileInfo(state).Length;
        Assert.IsTrue(mappedMemory ? stateSize < 1 << 20 : stateSize > 1 << 20, $"{stateName} has {stateSize} bytes");
        Assert.AreEqual(diskHash, Hash(disk), "the first machine wrote to the disk");
        var ramHash = mappedMemory ? Hash(ram) : null;
        var revivedSpec = spec with { Memory = mappedMemory ? new MemoryFile(ram, Shared: false) : null, Incoming = true };
        await using (var revived = await QemuMachine.StartAsync(revivedSpec, Path.Combine(scratch, "revived"), NullBuildLog.Instance, null, CancellationToken.None))
        {
            await revived.ReviveAsync(state, CancellationToken.None);
            var next = await revived.WaitForConsoleLineAsync("count ", Boot, CancellationToken.None);
            var countAfterRevive = LastCount([next]);
            Assert.IsTrue(countAfterRevive > countAtSave && countAfterRevive <= countAtSave + 3, $"saved at {countAtSave}, revived printing {next}");
            await revived.WaitForConsoleLineAsync($"count {countAfterRevive + 2} disk=count", Boot, CancellationToken.None);
            CollectionAssert.DoesNotContain(revived.ConsoleTail(500).ToList(), "guest-started");
        }

        Assert.AreEqual(diskHash, Hash(disk), "the revived machine wrote to its snapshot=on disk");
        if (mappedMemory)
        {
            Assert.AreEqual(ramHash, Hash(ram), "the revived machine wrote to its private mapping's file");
        }
    }

    [TestMethod]
    public async Task A_hanging_guest_times_out_keeps_its_console_and_leaves_no_qemu()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-hang");
        var name = "hang-" + Guid.NewGuid().ToString("N");
        var spec = await BusyboxGuest.CreateAsync(scratch, name, "echo last-words-before-hang; while true; do sleep 1; done");
        int pid;
        await using (var machine = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, null, CancellationToken.None))
        {
            pid = machine.ProcessId;
            await machine.WaitForConsoleLineAsync("last-words-before-hang", Boot, CancellationToken.None);
            Assert.IsFalse(await machine.WaitForExitAsync(TimeSpan.FromSeconds(3), CancellationToken.None));
            CollectionAssert.Contains(machine.ConsoleTail(3).ToList(), "last-words-before-hang");
            var timeout = await Assert.ThrowsExactlyAsync<WinVmException>(
                () => machine.WaitForConsoleLineAsync("never-printed", TimeSpan.FromSeconds(1), CancellationToken.None));
            Assert.AreEqual(ErrorCodes.GuestConsoleTimeout, timeout.Code);
            StringAssert.Contains(timeout.Message, "last-words-before-hang");
        }

        Assert.IsFalse(HostProcesses.IsAlive(pid));
        Assert.AreEqual(0, HostProcesses.FindByCommandLine(name).Count);
    }

    [TestMethod]
    public async Task Cancelling_WaitForExitAsync_kills_qemu()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-cancel-wait");
        var spec = await BusyboxGuest.CreateAsync(scratch, "cancel-wait", "sleep 600");
        await using var machine = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, null, CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<OperationCanceledException>(() => machine.WaitForExitAsync(TimeSpan.FromMinutes(5), cancellation.Token));

        Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(machine.ProcessId, TimeSpan.FromSeconds(10)));
    }

    [TestMethod]
    [TestCategory("Faults")]
    public async Task A_QEMU_that_stops_answering_is_WVB0323_after_the_QMP_bound_and_is_killed()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-stuck");
        var spec = await BusyboxGuest.CreateAsync(scratch, "stuck", "sleep 600");
        var machine = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, null, CancellationToken.None);
        var pid = machine.ProcessId;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        WinVmException error;
        await using (machine)
        {
            // Stuck as a QEMU whose main loop hangs: alive, its socket open, and no answer ever.
            await ProcessRunner.RunCheckedAsync(new ProcessSpec("kill", ["-STOP", pid.ToString(CultureInfo.InvariantCulture)]), CancellationToken.None);
            error = await Assert.ThrowsExactlyAsync<WinVmException>(() => machine.ExecuteAsync("query-status", null, CancellationToken.None));
        }

        Assert.AreEqual(ErrorCodes.QmpNoAnswer, error.Code);
        Assert.IsTrue(clock.Elapsed < QmpClient.AnswerBound + TimeSpan.FromSeconds(15), $"gave up after {clock.Elapsed}");
        FaultReport.Record(
            "QEMU stops answering (its main loop hangs)", $"{error.Code} after {QmpClient.AnswerBound.TotalSeconds:0} s; QEMU is killed",
            await Leftovers.MeasureAsync(TimeSpan.FromSeconds(10), caches: [scratch], workFolders: [scratch]));
        Assert.IsFalse(HostProcesses.IsAlive(pid), "the stuck QEMU outlived its machine");
    }

    [TestMethod]
    public async Task A_revive_waiting_for_its_state_is_cancelled_and_leaves_no_qemu()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-cancel-revive");
        var name = "cancel-revive-" + Guid.NewGuid().ToString("N");
        // A FIFO nobody writes: the incoming migration never completes, so the revive waits until cancelled.
        var state = Path.Combine(scratch, "never.zst");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("mkfifo", [state]), CancellationToken.None);
        var spec = await BusyboxGuest.CreateAsync(scratch, name, "true") with { Incoming = true };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        await using (var machine = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, null, CancellationToken.None))
        {
            await Assert.ThrowsAsync<OperationCanceledException>(() => machine.ReviveAsync(state, cancellation.Token));
        }

        Assert.AreEqual(0, HostProcesses.FindByCommandLine(name).Count);
    }

    [TestMethod]
    public async Task A_uefi_machine_runs_with_its_own_copy_of_the_variable_store()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-uefi");
        var spec = new QemuMachineSpec("uefi", 128, AcceleratorKind.Tcg) { Uefi = UefiFirmware.Debian };
        await using var machine = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, null, CancellationToken.None);

        var status = await machine.ExecuteAsync("query-status", null, CancellationToken.None);
        Assert.AreEqual("running", status.GetProperty("status").GetString());
        var variables = Path.Combine(machine.WorkFolder, QemuArguments.UefiVariables);
        Assert.AreEqual(new FileInfo(UefiFirmware.Debian.VariablesTemplate).Length, new FileInfo(variables).Length);
    }

    [TestMethod]
    public async Task A_missing_disk_fails_the_start_with_QEMUs_reason()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-bad-start");
        var spec = new QemuMachineSpec("bad", 64, AcceleratorKind.Tcg) { Drives = [new QemuDrive(Path.Combine(scratch, "missing.qcow2"), DriveKind.Disk)] };

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, null, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.QemuStartFailed, error.Code);
        StringAssert.Contains(error.Message, "missing.qcow2");
    }

    [TestMethod]
    public async Task A_damaged_state_file_fails_the_revive()
    {
        var scratch = TestPaths.NewScratchFolder("qemu-bad-state");
        // A valid zstd frame around bytes that are no migration stream: what a truncated or foreign file gives.
        var state = Path.Combine(scratch, "state.zst");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("sh", ["-c", "echo not-a-migration-stream | zstd -q -c > \"$0\"", state]), CancellationToken.None);
        var spec = await BusyboxGuest.CreateAsync(scratch, "bad-state", "true") with { Incoming = true };
        await using var machine = await QemuMachine.StartAsync(spec, Path.Combine(scratch, "vm"), NullBuildLog.Instance, null, CancellationToken.None);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => machine.ReviveAsync(state, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.SnapshotFailed, error.Code);
        StringAssert.Contains(error.Message, "Not a migration stream");
    }

    private static int LastCount(IEnumerable<string> lines) =>
        lines.Select(line => CountPattern().Match(line)).Where(match => match.Success).Select(match => int.Parse(match.Groups[1].Value)).Last();

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [GeneratedRegex(@"^count (\d+) ")]
    private static partial Regex CountPattern();
}
