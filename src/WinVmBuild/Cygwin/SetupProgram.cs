using System.Buffers.Binary;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>Cygwin's setup program as the project supplies it: a Windows program whose architecture must match the mirror's.</summary>
public static class SetupProgram
{
    /// <summary>Refuses <paramref name="path"/> unless it is a Windows program for <paramref name="architecture"/> (WVB0112).</summary>
    public static void Check(string path, CygwinArchitecture architecture, string forWhat)
    {
        var machine = PeMachine(path);
        if (machine == architecture.PeMachine())
        {
            return;
        }

        var found = machine switch
        {
            0x014C => "a 32-bit Windows program (setup-x86.exe)",
            0x8664 => "a 64-bit Windows program (setup-x86_64.exe)",
            null => "not a Windows program",
            _ => $"a Windows program for machine type 0x{machine:X4}",
        };
        throw new WinVmException(
            ErrorCodes.CygwinSetupExeWrongArchitecture,
            $"WinVmCygwinSetupExe '{path}' is {found}, but {forWhat} gets {(architecture == CygwinArchitecture.X86 ? "32" : "64")}-bit Cygwin. " +
            $"Set WinVmCygwinSetupExe to Cygwin's {architecture.SetupProgram()} (see docs/windows.md for the release each Windows needs).")
        {
            File = path,
        };
    }

    /// <summary>The machine field of the file's PE header, or null when it is not a PE file.</summary>
    private static ushort? PeMachine(string path)
    {
        using var file = File.OpenRead(path);
        var header = new byte[0x40];
        if (file.Read(header) < header.Length || header[0] != 'M' || header[1] != 'Z')
        {
            return null;
        }

        var peOffset = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(0x3C));
        var signature = new byte[6];
        file.Position = peOffset;
        return peOffset > 0 && file.Read(signature) == signature.Length && signature.AsSpan(0, 4).SequenceEqual("PE\0\0"u8)
            ? BinaryPrimitives.ReadUInt16LittleEndian(signature.AsSpan(4))
            : null;
    }
}
