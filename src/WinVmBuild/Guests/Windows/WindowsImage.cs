using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// One image of a Windows ISO's install.wim (or install.esd), as the WIM's XML data describes it: what
/// <see cref="ImageSelection"/> chooses among and what decides the product key setup needs.
/// </summary>
/// <param name="Index">Its number in the WIM, from 1 (the answer file's /IMAGE/INDEX).</param>
/// <param name="Name">NAME ("Windows 10 Pro", "Windows Server 2022 SERVERSTANDARDCORE"): the answer file's /IMAGE/NAME.</param>
/// <param name="EditionId">
/// WINDOWS/EDITIONID ("Professional", "ServerStandardEval"), the edition ID <c>DISM /Get-CurrentEdition</c> shows
/// once it is installed; FLAGS when an image has none (Server's FLAGS add "Core" for Server Core, its EDITIONID does not).
/// </param>
/// <param name="DisplayName">DISPLAYNAME, what setup's list shows ("Windows Server 2022 Standard (Desktop Experience)"), or null.</param>
/// <param name="Version">WINDOWS/VERSION's MAJOR.MINOR.BUILD (10.0.19041), which tells releases that share edition IDs apart.</param>
public sealed record WindowsImage(int Index, string Name, string? EditionId, string? DisplayName, Version? Version)
{
    /// <summary>Evaluation editions (EnterpriseEval, ServerStandardEval, …) install without a key.</summary>
    public bool IsEvaluation => EditionId?.EndsWith("Eval", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>How messages name it: "6: 'Windows 10 Pro' (Professional)", with the display name when it says more than the name.</summary>
    public string Description =>
        $"{Index}: '{Name}' ({(DisplayName is null || DisplayName == Name ? string.Empty : DisplayName + ", ")}{EditionId ?? "no edition ID"})";

    /// <summary>The images of a WIM's XML data (<c>&lt;WIM&gt;&lt;IMAGE INDEX="1"&gt;…</c>), by index; null when it is not that XML.</summary>
    public static IReadOnlyList<WindowsImage>? ParseAll(string xml)
    {
        XElement root;
        try
        {
            root = XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return null;
        }

        var images = new List<WindowsImage>();
        foreach (var image in root.Elements("IMAGE"))
        {
            if (!int.TryParse((string?)image.Attribute("INDEX"), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return null;
            }

            var windows = image.Element("WINDOWS");
            images.Add(new WindowsImage(
                index,
                (string?)image.Element("NAME") ?? string.Empty,
                NullIfEmpty((string?)windows?.Element("EDITIONID")) ?? NullIfEmpty((string?)image.Element("FLAGS")),
                NullIfEmpty((string?)image.Element("DISPLAYNAME")),
                VersionOf(windows?.Element("VERSION"))));
        }

        return root.Name == "WIM" && images.Count > 0 ? images.OrderBy(image => image.Index).ToList() : null;
    }

    private static Version? VersionOf(XElement? version)
    {
        int? Part(string name) => int.TryParse((string?)version?.Element(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        return Part("MAJOR") is { } major && Part("MINOR") is { } minor && Part("BUILD") is { } build ? new Version(major, minor, build) : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
