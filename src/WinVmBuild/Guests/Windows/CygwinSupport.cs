using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The newest Cygwin a Windows version runs, and how its setup must be called there. Cygwin 3.5 needs Windows 8.1 or
/// Server 2012 R2; 3.4 is the last for 7, 8 and Server 2008 R2/2012; 3.3 for Vista and Server 2008; 2.5.2, 32-bit, for
/// XP and Server 2003. Older releases are served by the Cygwin Time Machine (docs/windows.md).
/// </summary>
/// <param name="NewestRelease">The newest major.minor of the <c>cygwin</c> package that runs there; null: any.</param>
/// <param name="SetupFlags">What setup needs beyond quiet offline install: setup 2.878 and later refuse an old Windows
/// unless told <c>--allow-unsupported-windows</c>; the setup for XP (2.874) knows no such flag.</param>
public sealed record CygwinSupport(CygwinArchitecture Architecture, Version? NewestRelease, IReadOnlyList<string> SetupFlags)
{
    private const string AllowUnsupportedWindows = "--allow-unsupported-windows";

    public static CygwinSupport For(WindowsVersion version) => version switch
    {
        WindowsVersion.Xp or WindowsVersion.Server2003 => new(CygwinArchitecture.X86, new Version(2, 5), []),
        WindowsVersion.Vista => new(CygwinArchitecture.X86_64, new Version(3, 3), [AllowUnsupportedWindows]),
        WindowsVersion.Windows7 => new(CygwinArchitecture.X86_64, new Version(3, 4), [AllowUnsupportedWindows]),
        _ => new(CygwinArchitecture.X86_64, null, []),
    };

    /// <summary>Refuses a mirror whose <c>cygwin</c> package is newer than <see cref="NewestRelease"/> (WVB0113).</summary>
    public void CheckRelease(SetupIni setupIni, WindowsVersion version, string mirror)
    {
        if (NewestRelease is null || !setupIni.Packages.TryGetValue("cygwin", out var cygwin) || cygwin.Current?.Version.Version is not { } release
            || !TryMajorMinor(release, out var served) || served <= NewestRelease)
        {
            return;
        }

        throw new WinVmException(
            ErrorCodes.CygwinTooNewForWindows,
            $"The mirror '{mirror}' serves Cygwin {release}, which does not run on {version.DisplayName()}: its newest is Cygwin {NewestRelease}. " +
            $"Set WinVmCygwinMirror to a Cygwin Time Machine snapshot from before Cygwin {NewestRelease.Major}.{NewestRelease.Minor + 1} " +
            "(docs/windows.md lists the form and the dates).");
    }

    private static bool TryMajorMinor(string release, out Version majorMinor)
    {
        var parts = release.Split('.', '-');
        majorMinor = new Version();
        if (parts.Length < 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor))
        {
            return false;
        }

        majorMinor = new Version(major, minor);
        return true;
    }
}
