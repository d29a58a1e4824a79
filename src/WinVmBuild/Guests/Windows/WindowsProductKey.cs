using WinVmBuild.Diagnostics;
using WinVmBuild.Media;
using WinVmBuild.Settings;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The product key a Windows guest's settings give setup (<see cref="SetupProductKey"/>), from the chosen image of the
/// ISO's install image where the version has one. Asked by the settings check, to refuse before any VM, and by the
/// media stage, which writes the key into the answer file; the image list is read once per ISO.
/// </summary>
public static class WindowsProductKey
{
    /// <summary>The key, or null when setup needs none; WVB0217, WVB0218 or WVB0219 when no key can work.</summary>
    public static async Task<string?> ForAsync(WinVmSettings settings, string cacheRoot, IBuildLog log, CancellationToken cancellationToken)
    {
        if (settings.WindowsVersion.AnswerFileKind() == AnswerFileKind.WinntSif)
        {
            return SetupProductKey.ForWinntSif(settings.WindowsVersion, settings.ProductKey);
        }

        var iso = settings.InstallerIso ?? throw new ArgumentException("A Windows guest's settings name its installer ISO.", nameof(settings));
        var images = await new WindowsImageCatalog(cacheRoot).ReadAsync(iso, log, cancellationToken).ConfigureAwait(false);
        return SetupProductKey.ForImage(settings.ProductKey, settings.Image, images, $"WinVmIso '{iso}'");
    }
}
