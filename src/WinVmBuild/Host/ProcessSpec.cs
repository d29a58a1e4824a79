namespace WinVmBuild.Host;

/// <summary>What to start: a program, its arguments (never one shell string) and how to talk to it.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// The environment variable that marks a process, and every process it starts, as working for a VM session (its
    /// value: the folder of the session, or one below it). A process can change its working folder and its title (smbd
    /// does both); the environment it was started with stays in <c>/proc/&lt;pid&gt;/environ</c>, inherited by its
    /// children and kept by orphans, so the session's reaper finds every one of them by it (src/WinVmBuild/Reaper/).
    /// </summary>
    public const string SessionVariable = "WINVMBUILD_SESSION";

    public string? WorkingDirectory { get; init; }

    /// <summary>The folder of the VM session this process works for: given to it as <see cref="SessionVariable"/>.</summary>
    public string? Session { get; init; }

    /// <summary>Variables added to (or replacing) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// The program talks to this process's terminal itself (an interactive login): its standard input, output and error
    /// are this process's own, nothing goes through pipes, and the other options about them do not apply.
    /// </summary>
    public bool UseTerminal { get; init; }

    /// <summary>Text written to standard input, which is then closed. Standard input is never the terminal, unless <see cref="UseTerminal"/>.</summary>
    public string? StandardInput { get; init; }

    /// <summary>A part of a file written to standard input, which is then closed (for binary input, such as a compressor's).</summary>
    public FileRange? StandardInputFile { get; init; }

    /// <summary>
    /// Keep standard input open, unwritten, until the process is disposed: the process sees its end when this one
    /// disposes it or dies, SIGKILL included (how a watcher learns that its build is gone).
    /// </summary>
    public bool KeepStandardInputOpen { get; init; }

    /// <summary>
    /// When set, standard output is written byte for byte to this file (for binary or very large output, such as a
    /// decompressor's) instead of being read as lines; <see cref="OnOutputLine"/> is then not called.
    /// </summary>
    public string? StandardOutputPath { get; init; }

    /// <summary>
    /// When set, standard output is handed to this as one binary stream (for output read as it comes, such as a
    /// file streamed out of an archive) instead of being read as lines; what it leaves unread is read and dropped,
    /// so the program never blocks on a full pipe. An exception it throws kills the program and ends the run.
    /// </summary>
    public Func<Stream, Task>? ReadStandardOutput { get; init; }

    /// <summary>Called for each line of standard output as it arrives.</summary>
    public Action<string>? OnOutputLine { get; init; }

    /// <summary>Called for each line of standard error as it arrives.</summary>
    public Action<string>? OnErrorLine { get; init; }

    /// <summary>The Debian package that provides <see cref="FileName"/>, named in the error when it is missing.</summary>
    public string? DebianPackage { get; init; }

    /// <summary>The command line for a detailed log. Arguments must never carry secrets.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? argument
            : ShellQuote.Literal(argument);
}

/// <summary><paramref name="Length"/> bytes of the file at <paramref name="Path"/>, from <paramref name="Offset"/>.</summary>
public sealed record FileRange(string Path, long Offset, long Length);
