using System.Globalization;
using WinVmBuild.Diagnostics;

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

    /// <summary>Reads the ImageIndex and ImageName properties: at most one of them, an index from 1.</summary>
    public static ImageSelection Parse(string? index, string? name)
    {
        var hasIndex = !string.IsNullOrWhiteSpace(index);
        var hasName = !string.IsNullOrWhiteSpace(name);
        if (hasIndex && hasName)
        {
            throw Invalid($"Both ImageIndex '{index}' and ImageName '{name}' were given; set only one of them.");
        }

        if (hasName)
        {
            return new ImageSelection(NameKey, name!.Trim());
        }

        if (!hasIndex)
        {
            return Default;
        }

        return int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? new ImageSelection(IndexKey, number.ToString(CultureInfo.InvariantCulture))
            : throw Invalid($"ImageIndex '{index}' is not an image number: images are numbered from 1 (see 'wiminfo sources/install.wim').");
    }

    private static WinVmException Invalid(string message) => new(ErrorCodes.ImageSelectionInvalid, message);
}
