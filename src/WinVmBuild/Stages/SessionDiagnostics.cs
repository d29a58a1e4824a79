using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// Where a VM stage leaves what shows how its guest is doing: <c>&lt;cache&gt;/diagnostics/&lt;stage&gt;-&lt;time&gt;/</c> with
/// the guest's screen (refreshed every few minutes while a long stage runs, so a stuck Windows setup can be looked at
/// before the timeout) and, when the stage fails, the guest's whole console log. A stage that succeeds leaves nothing.
/// </summary>
internal sealed class SessionDiagnostics(string root, string stage)
{
    public static readonly TimeSpan ScreenInterval = TimeSpan.FromMinutes(2);

    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _watching = Task.CompletedTask;

    public string Folder { get; } = Path.Combine(root, $"{stage}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");

    /// <summary>Saves <paramref name="machine"/>'s screen now and every <see cref="ScreenInterval"/> until the stage ends.</summary>
    public void WatchScreen(QemuMachine machine, IBuildLog log)
    {
        log.Message($"WinVmBuild: {stage}: the guest's screen is saved every {ScreenInterval.TotalMinutes:0} min in {Folder}");
        _watching = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(ScreenInterval);
            try
            {
                do
                {
                    await SaveScreenAsync(machine).ConfigureAwait(false);
                }
                while (await Task.WhenAny(timer.WaitForNextTickAsync().AsTask(), _stop.Task).ConfigureAwait(false) != _stop.Task);
            }
            catch (WinVmException)
            {
                // QEMU is gone: the stage itself reports what matters.
            }
        });
    }

    /// <summary>Saves the guest's screen as <c>screen.png</c> (replacing the last one whole) and returns its path.</summary>
    public async Task<string> SaveScreenAsync(QemuMachine machine)
    {
        Directory.CreateDirectory(Folder);
        var written = await machine.ScreendumpAsync(Path.Combine(Folder, ".screen.png"), CancellationToken.None).ConfigureAwait(false);
        var screen = Path.Combine(Folder, "screen" + Path.GetExtension(written));
        File.Move(written, screen, overwrite: true);
        return screen;
    }

    /// <summary>
    /// Ends the watch. A stage that succeeded leaves nothing; a failed one keeps its screen and the guest's whole
    /// console log, and says where.
    /// </summary>
    public async Task FinishAsync(bool succeeded, QemuMachine? machine, IBuildLog log)
    {
        _stop.TrySetResult();
        await _watching.ConfigureAwait(false);
        if (succeeded)
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }

            return;
        }

        if (machine is not null && File.Exists(machine.ConsoleLogPath))
        {
            Directory.CreateDirectory(Folder);
            File.Copy(machine.ConsoleLogPath, Path.Combine(Folder, "console.log"), overwrite: true);
        }

        if (Directory.Exists(Folder))
        {
            log.Message($"WinVmBuild: {stage}: the guest's console log and last screen are kept in {Folder}");
        }
    }
}
