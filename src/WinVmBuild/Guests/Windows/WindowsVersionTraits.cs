using WinVmBuild.Media;
using WinVmBuild.Network;

namespace WinVmBuild.Guests.Windows;

/// <summary>The names users write for each <see cref="WindowsVersion"/>, and what differs between versions.</summary>
public static class WindowsVersionTraits
{
    /// <summary>Every value <c>WinVmWindowsVersion</c> may take, with the version it names.</summary>
    public static IReadOnlyDictionary<string, WindowsVersion> Names { get; } = new Dictionary<string, WindowsVersion>(StringComparer.OrdinalIgnoreCase)
    {
        ["xp"] = WindowsVersion.Xp,
        ["2003"] = WindowsVersion.Server2003,
        ["vista"] = WindowsVersion.Vista,
        ["7"] = WindowsVersion.Windows7,
        ["8.1"] = WindowsVersion.Windows81,
        ["10"] = WindowsVersion.Windows10,
        ["11"] = WindowsVersion.Windows11,
        ["server2016"] = WindowsVersion.Server2016,
        ["server2019"] = WindowsVersion.Server2019,
        ["server2022"] = WindowsVersion.Server2022,
        ["server2025"] = WindowsVersion.Server2025,
    };

    /// <summary>The version as Microsoft names it ("Windows 7", "Windows Server 2022"), for messages.</summary>
    public static string DisplayName(this WindowsVersion version) => version switch
    {
        WindowsVersion.Xp => "Windows XP",
        WindowsVersion.Server2003 => "Windows Server 2003",
        WindowsVersion.Vista => "Windows Vista",
        WindowsVersion.Windows7 => "Windows 7",
        WindowsVersion.Windows81 => "Windows 8.1",
        WindowsVersion.Windows10 => "Windows 10",
        WindowsVersion.Windows11 => "Windows 11",
        _ => "Windows Server " + version.ToString()["Server".Length..],
    };

    /// <summary>The name <c>WinVmWindowsVersion</c> gives the version ("xp", "10"), for messages that say what to set.</summary>
    public static string SettingName(this WindowsVersion version) => Names.First(name => name.Value == version).Key;

    /// <summary>The answer-file format the version's setup reads.</summary>
    public static AnswerFileKind AnswerFileKind(this WindowsVersion version) => version switch
    {
        WindowsVersion.Xp or WindowsVersion.Server2003 => Windows.AnswerFileKind.WinntSif,
        _ => Windows.AnswerFileKind.Autounattend,
    };

    /// <summary>Windows 11 refuses a VM without TPM 2.0 and Secure Boot, and wants a network account, unless told not to.</summary>
    public static bool NeedsHardwareCheckBypass(this WindowsVersion version) => version == WindowsVersion.Windows11;

    /// <summary>
    /// Windows PowerShell is part of Windows from 7 and Server 2008 R2 (2.0) on; XP, Server 2003 and Vista had it only as a
    /// separate download (Windows Management Framework), so a .ps1 provisioning step cannot run on them.
    /// </summary>
    public static bool HasPowerShell(this WindowsVersion version) =>
        version is not (WindowsVersion.Xp or WindowsVersion.Server2003 or WindowsVersion.Vista);

    /// <summary>
    /// Windows 8 introduced the OOBE account screens (HideLocalAccountScreen, HideOnlineAccountScreens, ...); Vista and 7
    /// reject an answer file that names them.
    /// </summary>
    public static bool HasAccountScreens(this WindowsVersion version) =>
        version is not (WindowsVersion.Vista or WindowsVersion.Windows7) && version.AnswerFileKind() == Windows.AnswerFileKind.Autounattend;

    /// <summary>
    /// The account the answer file logs on automatically and the host logs in as over SSH. XP and Server 2003
    /// use the built-in Administrator (winnt.sif cannot create accounts); later versions get their own local
    /// administrator, because client editions keep the built-in one disabled.
    /// </summary>
    public static string AdministratorAccount(this WindowsVersion version) =>
        version.AnswerFileKind() == Windows.AnswerFileKind.WinntSif ? "Administrator" : "winvm";

    /// <summary>The newest SMB dialect the version's share client speaks: the share server accepts nothing older.</summary>
    public static SmbDialect MinimumSmbDialect(this WindowsVersion version) => version switch
    {
        WindowsVersion.Xp or WindowsVersion.Server2003 => SmbDialect.Nt1,
        WindowsVersion.Vista => SmbDialect.Smb202,
        WindowsVersion.Windows7 => SmbDialect.Smb21,
        _ => SmbDialect.Smb3,
    };

    /// <summary>
    /// Where the answer file goes unless the project says otherwise: a floppy for XP and 2003 (their setup reads nothing
    /// else); a small CD for every later Windows (Windows 11 24H2 and Server 2025 have no floppy
    /// driver, and some UEFI firmware ignores floppies).
    /// </summary>
    public static MediaKind DefaultAnswerMedia(this WindowsVersion version) =>
        version.AnswerFileKind() == Windows.AnswerFileKind.Autounattend ? MediaKind.Cd : MediaKind.Floppy;
}
