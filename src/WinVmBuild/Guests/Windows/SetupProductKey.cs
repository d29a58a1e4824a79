using WinVmBuild.Diagnostics;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The product key the answer file gives Windows setup, decided before any VM starts: setup stops at its key page in
/// windowsPE when retail or volume media get none, and no one is there to type one. Evaluation images need none;
/// others get the project's key, else the generic key Microsoft publishes for their edition
/// (<see cref="GenericProductKeys"/>); an edition without one is refused (WVB0217). The key decided is a secret like
/// the project's own: it goes into the answer file and nowhere else.
/// </summary>
public static class SetupProductKey
{
    /// <summary>XP and Server 2003 setup always asks for a key (their media have no evaluation image list to read): the project's, or WVB0217.</summary>
    public static string ForWinntSif(WindowsVersion version, string? givenKey) =>
        givenKey ?? throw new WinVmException(
            ErrorCodes.ProductKeyNeeded,
            $"{(version == WindowsVersion.Xp ? "Windows XP" : "Windows Server 2003")} setup always asks for a product key, and the project gives none. " +
            "Set WinVmProductKeyFile to a file holding the key of your installation CD (WinVmProductKey works too, but shows the key in build logs).");

    /// <summary>
    /// The key for the image <paramref name="selection"/> chooses among <paramref name="images"/> (WVB0218 when there is
    /// none), given <paramref name="givenKey"/> (the project's key, upper case, or null): null when setup needs none.
    /// </summary>
    /// <param name="source">Where the images are, for messages: "sources/install.wim of WinVmIso '…'".</param>
    public static string? ForImage(string? givenKey, ImageSelection selection, IReadOnlyList<WindowsImage> images, string source)
    {
        var image = selection.Find(images, source);
        var published = GenericProductKeys.For(image);
        if (givenKey is not null)
        {
            var editions = GenericProductKeys.Named(givenKey);
            if (editions.Count > 0 && !editions.Any(edition => edition.Fits(image)))
            {
                throw new WinVmException(
                    ErrorCodes.ProductKeyForAnotherEdition,
                    $"WinVmProductKey (or the file WinVmProductKeyFile names) is Microsoft's generic key for " +
                    $"{string.Join(" and ", editions.Select(edition => edition.Product).Distinct())}, but the image {image.Description} of {source} " +
                    $"is another edition, so setup would refuse it. " +
                    (image.IsEvaluation || published is not null
                        ? $"Leave the key out: {(image.IsEvaluation ? "evaluation images need none" : "WinVmBuild gives setup the image's own generic key")}."
                        : "Set it to a key for the image's edition, or choose the image the key is for with WinVmImageName."));
            }

            return givenKey;
        }

        if (image.IsEvaluation)
        {
            return null;
        }

        return published?.Key ?? throw new WinVmException(
            ErrorCodes.ProductKeyNeeded,
            $"The image {image.Description} of {source} is no evaluation edition, and Microsoft publishes no generic key for it, so setup would " +
            $"stop at its product key page. Set WinVmProductKeyFile to a file holding your key for it, {Alternatives(images)}, or use evaluation media, " +
            "which need no key.");
    }

    /// <summary>The images of the same media that would need no key of the project's, as a suggestion.</summary>
    private static string Alternatives(IReadOnlyList<WindowsImage> images)
    {
        var keyless = images.Where(image => image.IsEvaluation || GenericProductKeys.For(image) is not null).Select(image => $"'{image.Name}'").ToList();
        return keyless.Count == 0
            ? "choose another edition with WinVmImageName"
            : $"choose an image that needs none with WinVmImageName ({string.Join(", ", keyless)})";
    }
}
