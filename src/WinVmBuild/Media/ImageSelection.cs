using System.Globalization;

namespace WinVmBuild.Media;

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
}
