using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Host;

/// <summary>
/// A started process. Disposing it kills the process and everything it started, then reaps it, so a
/// failure or a cancellation never leaves a QEMU, vde_switch or smbd behind.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private bool _letRun;

    private RunningProcess(Process process, ProcessSpec spec)
    {
        _process = process;
        Spec = spec;
        if (spec.UseTerminal)
        {
            Completion = WaitAsync(Task.CompletedTask, Task.CompletedTask);
            return;
        }

        process.ErrorDataReceived += (_, e) => OnLine(e.Data, _error, spec.OnErrorLine);
        process.BeginErrorReadLine();
        var outputCopy = Task.CompletedTask;
        if (spec.StandardOutputPath is not null)
        {
            outputCopy = CopyOutputAsync(process.StandardOutput.BaseStream, spec.StandardOutputPath);
        }
        else if (spec.ReadStandardOutput is not null)
        {
            outputCopy = ReadOutputAsync(process.StandardOutput.BaseStream, spec.ReadStandardOutput);
        }
        else
        {
            process.OutputDataReceived += (_, e) => OnLine(e.Data, _output, spec.OnOutputLine);
            process.BeginOutputReadLine();
        }

        var inputCopy = spec.StandardInputFile is { } range ? CopyInputAsync(range) : Task.CompletedTask;

        // Started after the reads began, so that it also waits for both streams to reach their end.
        Completion = WaitAsync(outputCopy, inputCopy);
    }

    public ProcessSpec Spec { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The CPU time the process has used so far (user and system, all its threads; not its children's).</summary>
    public TimeSpan CpuTime => _process.TotalProcessorTime;

    /// <summary>Completes when the process has exited and all its output has been read.</summary>
    public Task<ProcessResult> Completion { get; }

    public static RunningProcess Start(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardInput = !spec.UseTerminal,
            RedirectStandardOutput = !spec.UseTerminal,
            RedirectStandardError = !spec.UseTerminal,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        if (spec.Session is { } session)
        {
            info.Environment[ProcessSpec.SessionVariable] = Path.GetFullPath(session);
        }

        var process = new Process { StartInfo = info };
        RunningProcess running;
        try
        {
            process.Start();
            running = new RunningProcess(process, spec);
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            var package = spec.DebianPackage is null ? string.Empty : $" (Debian package '{spec.DebianPackage}')";
            throw new WinVmException(
                ErrorCodes.HostToolMissing,
                $"Cannot start '{spec.FileName}'{package}: {e.Message}. Run build/install-deps.sh, or install it yourself.");
        }

        if (spec.UseTerminal || spec.KeepStandardInputOpen || spec.StandardInputFile is not null)
        {
            return running;
        }

        try
        {
            if (spec.StandardInput is not null)
            {
                process.StandardInput.Write(spec.StandardInput);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited before reading its input; its exit code tells the story.
        }

        return running;
    }

    /// <summary>Kills the process and every process it started. Safe to call at any time, more than once.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited and reaped.
        }
    }

    /// <summary>
    /// Lets the process outlive this one: its standard input ends (a watcher learns so that its build let go), and
    /// disposing no longer kills it. What it prints later is read while this process lives, then goes nowhere.
    /// </summary>
    public void LetRun()
    {
        _letRun = true;
        if (Spec.KeepStandardInputOpen)
        {
            _process.StandardInput.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_letRun)
        {
            return;
        }

        Kill();
        await Completion.ConfigureAwait(false);
        if (Spec.KeepStandardInputOpen)
        {
            _process.StandardInput.Dispose();
        }

        _process.Dispose();
    }

    private async Task CopyOutputAsync(Stream output, string path)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await output.CopyToAsync(file).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A full disk: the program would block on a pipe no one reads any more.
            Kill();
            throw;
        }
    }

    private async Task ReadOutputAsync(Stream output, Func<Stream, Task> read)
    {
        try
        {
            await read(output).ConfigureAwait(false);
            await output.CopyToAsync(Stream.Null).ConfigureAwait(false);
        }
        catch
        {
            // The program would block on a pipe no one reads any more.
            Kill();
            throw;
        }
    }

    private async Task CopyInputAsync(FileRange range)
    {
        // Yields first: the caller gets the process before a byte is written.
        await Task.Yield();
        try
        {
            await using var file = new FileStream(range.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            file.Position = range.Offset;
            var input = _process.StandardInput.BaseStream;
            var buffer = new byte[1 << 20];
            for (var left = range.Length; left > 0;)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left))).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await input.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                left -= read;
            }
        }
        catch (IOException)
        {
            // The process exited before reading all its input; its exit code tells the story.
        }
        finally
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task<ProcessResult> WaitAsync(Task outputCopy, Task inputCopy)
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        await outputCopy.ConfigureAwait(false);
        await inputCopy.ConfigureAwait(false);
        lock (_output)
        {
            lock (_error)
            {
                return new ProcessResult(_process.ExitCode, _output.ToString(), _error.ToString());
            }
        }
    }

    private static void OnLine(string? line, StringBuilder capture, Action<string>? callback)
    {
        if (line is null)
        {
            return;
        }

        lock (capture)
        {
            capture.Append(line).Append('\n');
        }

        callback?.Invoke(line);
    }
}
