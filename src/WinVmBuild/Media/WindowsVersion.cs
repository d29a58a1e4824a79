namespace WinVmBuild.Media;

/// <summary>
/// The systems WinVmBuild can install unattended, all amd64 (32-bit Windows is out of scope). <see cref="TestGuest"/>
/// is the small Linux guest that stands in for Windows where no Windows image exists.
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
    TestGuest,
}
