using System.Globalization;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// Which image of the install.wim setup installs: the answer file's InstallFrom/MetaData key (/IMAGE/INDEX or
/// /IMAGE/NAME) and value. Without one, setup would stop and ask on a multi-edition ISO.
/// </summary>
public sealed record ImageSelection(string Key, string Value)
{
    public const string IndexKey = "/IMAGE/INDEX";
    public const string NameKey = "/IMAGE/NAME";

    /// <summary>The first image: on Server ISOs that is Standard without the desktop, where Cygwin runs just as well.</summary>
    public static ImageSelection Default { get; } = new(IndexKey, "1");

    /// <summary>The install.wim image numbered <paramref name="index"/> (from 1; <c>wiminfo</c> lists them).</summary>
    public static ImageSelection ByIndex(int index) => new(IndexKey, index.ToString(CultureInfo.InvariantCulture));

    /// <summary>The install.wim image named <paramref name="name"/> ("Windows 11 Pro").</summary>
    public static ImageSelection ByName(string name) => new(NameKey, name.Trim());

    /// <summary>
    /// The image this selects among <paramref name="images"/>, found as setup finds it (a name exactly as written), or
    /// WVB0218 listing the images there are. <paramref name="source"/> says where they come from, for the message.
    /// </summary>
    public WindowsImage Find(IReadOnlyList<WindowsImage> images, string source)
    {
        var found = Key == IndexKey
            ? images.FirstOrDefault(image => image.Index.ToString(CultureInfo.InvariantCulture) == Value)
            : images.FirstOrDefault(image => image.Name == Value);
        return found ?? throw new WinVmException(
            ErrorCodes.InstallImageNotFound,
            $"{(Key == IndexKey ? "WinVmImageIndex" : "WinVmImageName")} '{Value}' names no image of {source}, which has " +
            $"{string.Join(", ", images.Select(image => image.Description))}. Set WinVmImageIndex to one of those numbers or " +
            "WinVmImageName to one of those names.");
    }
}
