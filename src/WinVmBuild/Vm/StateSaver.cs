using System.Text.Json.Nodes;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Vm;

/// <summary>
/// Writes a stopped VM's memory and device state to a compressed file through QMP: <c>migrate</c> to an
/// <c>exec:</c> compressor, as the seed did with <c>exec:gzip</c>.
/// </summary>
internal static class StateSaver
{
    // A stopped VM is saved as fast as the compressor reads; QEMU's default limit (32 MiB/s) would make a
    // 4 GB Windows snapshot take minutes.
    private const long UnthrottledBandwidth = 1L << 40;

    private static readonly TimeSpan CompressorExitTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task SaveAsync(QmpClient qmp, string machineName, string stateFile, StateCompression compression, CancellationToken cancellationToken)
    {
        // A revive picks the decompressor by the file's extension.
        var extension = StateCompressionCommands.FileExtension(compression);
        if (Path.GetExtension(stateFile) != extension)
        {
            throw new WinVmException(
                ErrorCodes.InvalidMachineSpec, $"A {compression} state file must end in '{extension}': '{stateFile}'.") { File = stateFile };
        }

        await qmp.ExecuteAsync("stop", null, cancellationToken).ConfigureAwait(false);
        await qmp.ExecuteAsync("migrate-set-parameters", new JsonObject { ["max-bandwidth"] = UnthrottledBandwidth }, cancellationToken)
            .ConfigureAwait(false);
        await AtomicPublish.FileAsync(stateFile, async temporary =>
        {
            // QEMU reports "completed" when it has written the stream, not when the compressor has flushed and
            // exited: the compressor's exit code, written to a file afterwards, tells that.
            var exitFile = temporary + ".exit";
            try
            {
                var command = $"{StateCompressionCommands.Compress(compression)} > {ShellQuote.Single(temporary)}; " +
                              $"echo $? > {ShellQuote.Single(exitFile)}";
                await qmp.ExecuteAsync("migrate", new JsonObject { ["uri"] = "exec:" + command }, cancellationToken).ConfigureAwait(false);
                await WaitForMigrationAsync(qmp, machineName, cancellationToken).ConfigureAwait(false);
                await WaitForCompressorAsync(exitFile, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(exitFile);
            }
        }).ConfigureAwait(false);
    }

    private static async Task WaitForMigrationAsync(QmpClient qmp, string machineName, CancellationToken cancellationToken)
    {
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
                    throw new WinVmException(ErrorCodes.SnapshotFailed, $"Saving the state of '{machineName}' failed: {reason}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WaitForCompressorAsync(string exitFile, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + CompressorExitTimeout;
        while (!(File.Exists(exitFile) && File.ReadAllText(exitFile).EndsWith('\n')))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new WinVmException(
                    ErrorCodes.SnapshotFailed,
                    $"The state compressor did not finish within {CompressorExitTimeout.TotalSeconds:0} s after QEMU sent the last byte.");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        var exitCode = File.ReadAllText(exitFile).Trim();
        if (exitCode != "0")
        {
            throw new WinVmException(
                ErrorCodes.SnapshotFailed,
                $"The state compressor exited with code {exitCode} (disk full, or zstd/gzip missing: install 'zstd').");
        }
    }
}
