namespace WinVmBuild.Network;

/// <summary>
/// One command run in the guest over SSH: a script for the login user's shell, and what flows through its standard
/// streams. Standard input ends once <see cref="WriteInput"/> returns; without it, the script reads /dev/null.
/// </summary>
public sealed record GuestCommand(string Script)
{
    /// <summary>Writes the command's standard input (a tar stream of the project, say); it must write at least one byte.</summary>
    public Func<Stream, CancellationToken, Task>? WriteInput { get; init; }

    /// <summary>Reads the command's standard output as bytes; when null, it is read as lines for <see cref="OnOutputLine"/>.</summary>
    public Func<Stream, CancellationToken, Task>? ReadOutput { get; init; }

    /// <summary>Called for each line of standard output as it arrives.</summary>
    public Action<string>? OnOutputLine { get; init; }

    /// <summary>Called for each line of standard error as it arrives.</summary>
    public Action<string>? OnErrorLine { get; init; }
}
