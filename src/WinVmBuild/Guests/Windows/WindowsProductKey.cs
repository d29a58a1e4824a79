using WinVmBuild.Diagnostics;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The product key Windows setup gets (<see cref="SetupProductKey"/>), from the chosen image of the ISO's install image
/// where the version has one: decided by the settings check, before any VM, and written by the media stage into the
/// answer file. The image list is read once per ISO.
/// </summary>
public static class WindowsProductKey
{
    /// <param name="givenKey">The project's key (<c>WinVmProductKey(File)</c>), or null.</param>
    /// <param name="imagesFolder">Where image lists are remembered (the cache's <c>images/</c>).</param>
    /// <returns>The key, or null when setup needs none; WVB0217, WVB0218 or WVB0219 when no key can work.</returns>
    public static async Task<string?> ForAsync(
        string iso, WindowsVersion version, ImageSelection image, string? givenKey, string imagesFolder, IBuildLog log, CancellationToken cancellationToken)
    {
        if (version.AnswerFileKind() == AnswerFileKind.WinntSif)
        {
            return SetupProductKey.ForWinntSif(version, givenKey);
        }

        var images = await new WindowsImageCatalog(imagesFolder).ReadAsync(iso, log, cancellationToken).ConfigureAwait(false);
        return SetupProductKey.ForImage(givenKey, image, images, $"WinVmIso '{iso}'");
    }
}
