using System.Globalization;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// Checks the TimeZone property against what the answer file of <see cref="WindowsVersion"/> accepts: a Windows time
/// zone name for autounattend.xml, a numeric index for winnt.sif (the few names with a fixed index are translated).
/// </summary>
public static class TimeZoneSetting
{
    private const int LastSifIndex = 300;

    private static readonly Dictionary<string, string> SifIndexes = new(StringComparer.OrdinalIgnoreCase)
    {
        // XP has no "UTC" zone: Greenwich Standard Time (index 90) is UTC without daylight saving.
        ["UTC"] = "90",
        ["Greenwich Standard Time"] = "90",
        ["GMT Standard Time"] = "85",
    };

    /// <summary>The value to write into the answer file.</summary>
    public static string Resolve(string timeZone, WindowsVersion version)
    {
        var name = timeZone.Trim();
        if (version.AnswerFileKind() == AnswerFileKind.WinntSif)
        {
            return SifIndex(name);
        }

        return IsWindowsZone(name) ? name : throw Invalid(name, "a Windows time zone name such as UTC or 'W. Europe Standard Time' (tzutil /l lists them)");
    }

    // .NET knows the Windows zone names through ICU's mapping to IANA zones.
    private static bool IsWindowsZone(string name) =>
        name == "UTC" || TimeZoneInfo.TryConvertWindowsIdToIanaId(name, out _);

    private static string SifIndex(string name)
    {
        if (SifIndexes.TryGetValue(name, out var index))
        {
            return index;
        }

        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= LastSifIndex
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw Invalid(name, "for XP and Server 2003, the numeric index winnt.sif takes (85 = GMT Standard Time, 4 = Pacific) or UTC");
    }

    private static WinVmException Invalid(string name, string expected) =>
        new(ErrorCodes.TimeZoneInvalid, $"TimeZone '{name}' is not usable here: give {expected}.");
}
