namespace WinVmBuild.Testing;

/// <summary>The headers of a Windows program (MZ, then PE with its machine type) and nothing more: what the settings check reads.</summary>
internal static class FakeWindowsProgram
{
    public const ushort X64 = 0x8664;
    public const ushort X86 = 0x014C;

    public static string Write(string path, ushort machine)
    {
        var bytes = new byte[0x48];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3C), 0x40);
        "PE\0\0"u8.CopyTo(bytes.AsSpan(0x40));
        BitConverter.TryWriteBytes(bytes.AsSpan(0x44), machine);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
