using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Settings;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Guests;

/// <summary>The guest profile a project's settings ask for, booting the image its media stage made.</summary>
public static class GuestProfiles
{
    public static IGuestProfile For(WinVmSettings settings, MediaEntry media) => settings.Guest switch
    {
        GuestKind.Test => new TestGuestProfile(HostKernel.Find(settings.Kernel), media.TestGuestInitrd, settings.MemoryMegabytes, settings.Cpus),
        _ => new WindowsGuestProfile(
            settings.WindowsVersion.AdministratorAccount(), settings.WindowsVersion, settings.MemoryMegabytes, settings.Cpus, settings.Firmware)
        {
            QuietWindows = settings.QuietWindows,
        },
    };
}
