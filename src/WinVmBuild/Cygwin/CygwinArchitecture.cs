namespace WinVmBuild.Cygwin;

/// <summary>
/// Which Cygwin a guest gets: 64-bit, or 32-bit for Windows XP and Server 2003 (32-bit Cygwin's last release for them is
/// 2.5.2). Each has its own mirror folder, setup program and root folder in the guest.
/// </summary>
public enum CygwinArchitecture
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "Cygwin's own name for it, as in its folders and setup-x86_64.exe.")]
    X86_64,
    X86,
}

public static class CygwinArchitectures
{
    /// <summary>The mirror's and the repository CD's folder: <c>x86_64/setup.ini</c>, <c>x86/release/…</c>.</summary>
    public static string Folder(this CygwinArchitecture architecture) => architecture == CygwinArchitecture.X86 ? "x86" : "x86_64";

    /// <summary>Cygwin's installer for the architecture, as cygwin.com names it.</summary>
    public static string SetupProgram(this CygwinArchitecture architecture) => $"setup-{architecture.Folder()}.exe";

    /// <summary>Where Cygwin is installed in the guest (setup's default for the architecture).</summary>
    public static string Root(this CygwinArchitecture architecture) => architecture == CygwinArchitecture.X86 ? @"C:\cygwin" : @"C:\cygwin64";

    /// <summary>The PE machine type of a program built for the architecture (IMAGE_FILE_MACHINE_I386 or _AMD64).</summary>
    public static ushort PeMachine(this CygwinArchitecture architecture) => architecture == CygwinArchitecture.X86 ? (ushort)0x014C : (ushort)0x8664;
}
