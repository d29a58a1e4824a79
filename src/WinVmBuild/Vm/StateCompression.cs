using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Vm;

/// <summary>
/// How a saved memory state is compressed. zstd is the default: at level 1 it writes about as small a file
/// as gzip in a third of the time and decompresses seven times faster (docs/performance.md, "Revive").
/// </summary>
public enum StateCompression
{
    Zstd,
    Gzip,
}

/// <summary>The shell commands QEMU's <c>exec:</c> migration runs to write and read state files.</summary>
internal static class StateCompressionCommands
{
    public static string FileExtension(StateCompression compression) => compression == StateCompression.Gzip ? ".gz" : ".zst";

    /// <summary>Reads the migration stream on standard input and writes it compressed to standard output.</summary>
    public static string Compress(StateCompression compression) =>
        compression == StateCompression.Gzip ? "gzip -1 -c" : "zstd -1 -q -c";

    /// <summary>The command that writes <paramref name="stateFile"/>'s stream to standard output, chosen by its extension.</summary>
    public static string Decompress(string stateFile) => Path.GetExtension(stateFile) switch
    {
        ".zst" => "zstd -d -q -c " + ShellQuote.Single(stateFile),
        ".gz" => "gzip -d -c " + ShellQuote.Single(stateFile),
        _ => throw new WinVmException(
            ErrorCodes.InvalidMachineSpec,
            $"The state file '{stateFile}' is neither .zst nor .gz: its compression cannot be told from its name.") { File = stateFile },
    };
}
