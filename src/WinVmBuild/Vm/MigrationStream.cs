using System.Text.Json.Nodes;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Vm;

/// <summary>
/// Writes a stopped VM's state to a file and loads it into a new VM, through QMP migration to and from an
/// <c>exec:</c> command. A machine whose RAM is a <see cref="MemoryFile"/> keeps its memory in that file: with the
/// <c>x-ignore-shared</c> capability the stream holds only the devices' state (well under a MB) and is stored as it is.
/// Other machines migrate their whole memory, compressed with zstd (about as small as gzip in a third of the time,
/// and decompressed seven times faster).
/// </summary>
internal static class MigrationStream
{
    // A stopped VM is saved as fast as the file is written; QEMU's default limit (32 MiB/s) would make a 4 GB
    // Windows memory take minutes.
    private const long UnthrottledBandwidth = 1L << 40;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>The state file's name for a machine like <paramref name="spec"/>: device state only, or compressed memory too.</summary>
    public static string FileName(QemuMachineSpec spec) => spec.Memory is null ? "state.zst" : "state.bin";

    /// <summary>How long moving this machine's state may take: a minute, and a second more per 50 MB of RAM.</summary>
    public static TimeSpan Bound(QemuMachineSpec spec) => TimeSpan.FromSeconds(60 + (spec.MemoryMegabytes / 50));

    public static async Task SaveAsync(QmpClient qmp, QemuMachineSpec spec, string stateFile, CancellationToken cancellationToken)
    {
        await SetCapabilitiesAsync(qmp, spec, cancellationToken).ConfigureAwait(false);
        await qmp.ExecuteAsync("stop", null, cancellationToken).ConfigureAwait(false);
        await qmp.ExecuteAsync("migrate-set-parameters", new JsonObject { ["max-bandwidth"] = UnthrottledBandwidth }, cancellationToken)
            .ConfigureAwait(false);
        await AtomicPublish.FileAsync(stateFile, async temporary =>
        {
            // QEMU reports "completed" when it has written the stream, not when the writer has flushed and exited:
            // the writer's exit code, written to a file afterwards, tells that.
            var exitFile = temporary + ".exit";
            try
            {
                var writer = spec.Memory is null ? "zstd -1 -q -c" : "cat";
                // Owner-only: a guest's memory holds its secrets.
                var command = $"umask 077; {writer} > {ShellQuote.Literal(temporary)}; echo $? > {ShellQuote.Literal(exitFile)}";
                await qmp.ExecuteAsync("migrate", new JsonObject { ["uri"] = "exec:" + command }, cancellationToken).ConfigureAwait(false);
                await WaitForCompletionAsync(qmp, spec, "migrate", "Saving", cancellationToken).ConfigureAwait(false);
                await WaitForWriterAsync(exitFile, spec, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(exitFile);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Loads <paramref name="stateFile"/> into a machine started with <see cref="QemuMachineSpec.Incoming"/>; it stays paused.</summary>
    public static async Task LoadAsync(QmpClient qmp, QemuMachineSpec spec, string stateFile, CancellationToken cancellationToken)
    {
        // The destination needs the capability too: "Capability x-ignore-shared is off, but received capability is on".
        await SetCapabilitiesAsync(qmp, spec, cancellationToken).ConfigureAwait(false);
        var reader = spec.Memory is null ? "zstd -d -q -c" : "cat";
        await qmp.ExecuteAsync("migrate-incoming", new JsonObject { ["uri"] = $"exec:{reader} {ShellQuote.Literal(Path.GetFullPath(stateFile))}" }, cancellationToken)
            .ConfigureAwait(false);
        await WaitForCompletionAsync(qmp, spec, "migrate-incoming", "Loading", cancellationToken).ConfigureAwait(false);
    }

    private static Task SetCapabilitiesAsync(QmpClient qmp, QemuMachineSpec spec, CancellationToken cancellationToken) =>
        spec.Memory is null
            ? Task.CompletedTask
            : qmp.ExecuteAsync(
                "migrate-set-capabilities",
                new JsonObject { ["capabilities"] = new JsonArray(new JsonObject { ["capability"] = "x-ignore-shared", ["state"] = true }) },
                cancellationToken);

    private static async Task WaitForCompletionAsync(QmpClient qmp, QemuMachineSpec spec, string command, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Bound(spec);
        while (true)
        {
            var info = await qmp.ExecuteAsync("query-migrate", null, cancellationToken).ConfigureAwait(false);
            var status = info.TryGetProperty("status", out var value) ? value.GetString() : null;
            switch (status)
            {
                case "completed":
                    return;
                case "failed" or "cancelled":
                    var reason = info.TryGetProperty("error-desc", out var desc) ? desc.GetString() : status;
                    throw new WinVmException(ErrorCodes.SnapshotFailed, $"{what} the state of '{spec.Name}' failed: {reason}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new WinVmException(
                    ErrorCodes.SnapshotFailed,
                    $"{what} the state of '{spec.Name}' ({command}) did not finish within {Bound(spec).TotalSeconds:0} s (status '{status}').");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WaitForWriterAsync(string exitFile, QemuMachineSpec spec, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Bound(spec);
        while (!(File.Exists(exitFile) && File.ReadAllText(exitFile).EndsWith('\n')))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new WinVmException(
                    ErrorCodes.SnapshotFailed,
                    $"The state writer did not finish within {Bound(spec).TotalSeconds:0} s after QEMU sent the last byte.");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        var exitCode = File.ReadAllText(exitFile).Trim();
        if (exitCode != "0")
        {
            throw new WinVmException(
                ErrorCodes.SnapshotFailed,
                $"Writing the state file failed with exit code {exitCode} (disk full, or zstd missing: install 'zstd').");
        }
    }
}
