using WinVmBuild.Host;

namespace WinVmBuild.Vm;

/// <summary>
/// QEMU's machine types. <c>pc</c> is an alias QEMU moves to its newest i440FX type with each release; a saved state
/// loads only into the type it was saved from, so a snapshot is taken, keyed and revived with the resolved name.
/// </summary>
public static class QemuMachineTypes
{
    /// <summary>The type <paramref name="alias"/> stands for in the installed QEMU; a type that is no alias, unchanged.</summary>
    public static async Task<string> ResolveAsync(string alias, CancellationToken cancellationToken)
    {
        var help = await ProcessRunner.RunCheckedAsync(
            new ProcessSpec(QemuMachine.Program, ["-machine", "help"]) { DebianPackage = "qemu-system-x86" }, cancellationToken).ConfigureAwait(false);
        return Resolve(alias, help.StandardOutput);
    }

    /// <summary>Reads <c>-machine help</c>'s lines: "pc   Standard PC (i440FX + PIIX, 1996) (alias of pc-i440fx-7.2)".</summary>
    public static string Resolve(string alias, string machineHelp)
    {
        const string AliasOf = "(alias of ";
        foreach (var line in machineHelp.Split('\n'))
        {
            var name = line.Split(' ', 2)[0];
            var at = line.LastIndexOf(AliasOf, StringComparison.Ordinal);
            if (name == alias && at >= 0)
            {
                return line[(at + AliasOf.Length)..].TrimEnd().TrimEnd(')');
            }
        }

        return alias;
    }
}
