using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The images of a Windows ISO's install.wim (or install.esd) — names, edition IDs, versions — from the WIM's XML
/// data. 7-Zip shows that XML as a file (<c>[1].xml</c>) of a WIM it opens, but from the command line it opens no
/// archive inside another, and its WIM handler reads no WIM from a pipe (<c>-si</c>: E_NOTIMPL, 7-Zip 26.02). So the
/// WIM is streamed once out of the ISO through 7-Zip and its header read here (<see cref="WimXmlData"/>): a read of the
/// whole multi-GB file, done once per ISO and remembered by the ISO's identity in <c>WinVmCacheDir/images/</c>, so the
/// settings check, which asks on every build, stays fast.
/// </summary>
/// <param name="folder">Where the lists are remembered (the cache's <c>images/</c>).</param>
public sealed class WindowsImageCatalog(string folder)
{
    private readonly IdentityMemo _memo = new(folder);

    /// <summary>The images of <paramref name="iso"/>'s install image, by index; WVB0215 when it has none WinVmBuild can read.</summary>
    public async Task<IReadOnlyList<WindowsImage>> ReadAsync(string iso, IBuildLog log, CancellationToken cancellationToken)
    {
        var xml = await _memo.GetOrComputeAsync(iso, () => ReadXmlAsync(iso, log, cancellationToken), cancellationToken).ConfigureAwait(false);
        return WindowsImage.ParseAll(xml) ?? throw Unreadable(iso, "its image list cannot be read");
    }

    private static async Task<string> ReadXmlAsync(string iso, IBuildLog log, CancellationToken cancellationToken)
    {
        var files = await SevenZip.ListUdfAsync(iso, cancellationToken).ConfigureAwait(false) ?? [];
        var wim = files.FirstOrDefault(file => WindowsInstallerIso.InstallImages.Contains(file, StringComparer.OrdinalIgnoreCase))
            ?? throw Unreadable(iso, $"it has neither {string.Join(" nor ", WindowsInstallerIso.InstallImages)}");
        log.Message($"WinVmBuild: reading the image list of {wim} in '{iso}' (once per ISO)");
        string? xml = null;
        await SevenZip.ReadUdfFileAsync(
            iso, wim, async stream => xml = await WimXmlData.ReadAsync(stream, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        // Only a list that reads is remembered.
        return xml is not null && WindowsImage.ParseAll(xml) is not null
            ? xml
            : throw Unreadable(iso, $"its {wim} is no WIM file whose image list (the WIM's XML data) can be read");
    }

    private static WinVmException Unreadable(string iso, string why) => new(
        ErrorCodes.InstallerIsoNotWindows,
        $"WinVmIso '{iso}' is not Windows installation media: {why}. Set WinVmIso to a Windows ISO from Microsoft.") { File = iso };
}
