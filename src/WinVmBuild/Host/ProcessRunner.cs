using WinVmBuild.Diagnostics;

namespace WinVmBuild.Host;

/// <summary>Runs a process to its end: the one way the engine runs a host program.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="spec"/>; cancellation kills it and its children, then throws.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var process = RunningProcess.Start(spec);
        await using (process.ConfigureAwait(false))
        {
            using (cancellationToken.Register(process.Kill))
            {
                var result = await process.Completion.ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return result;
            }
        }
    }

    /// <summary>Runs <paramref name="spec"/> and throws a coded error naming the program when it fails.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var result = await RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new WinVmException(
                ErrorCodes.HostToolFailed,
                $"'{Path.GetFileName(spec.FileName)}' exited with code {result.ExitCode}:\n{result.Tail()}");
        }

        return result;
    }
}
