namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The Windows versions WinVmBuild can install unattended, all amd64 (32-bit Windows is out of scope).
/// </summary>
public enum WindowsVersion
{
    Xp,
    Server2003,
    Vista,
    Windows7,
    Windows81,
    Windows10,
    Windows11,
    Server2016,
    Server2019,
    Server2022,
    Server2025,
}
