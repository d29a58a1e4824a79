using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tasks;

/// <summary>
/// The item form of a Cygwin archive shared by the Cygwin tasks: ItemSpec = the <c>install:</c> path, metadata
/// <c>Package</c>, <c>Version</c>, <c>Size</c> and <c>Sha512</c> (lowercase hex) or, in old files, <c>Md5</c>.
/// </summary>
internal static class CygwinArchiveItems
{
    public static ITaskItem ToItem(ResolvedPackage package)
    {
        var item = new TaskItem(package.Archive.Path);
        item.SetMetadata("Package", package.Package.Name);
        item.SetMetadata("Version", package.Version.Version.Text);
        item.SetMetadata("Size", package.Archive.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        item.SetMetadata(package.Archive.Hash.Kind == HashKind.Sha512 ? "Sha512" : "Md5", package.Archive.Hash.Hex);
        return item;
    }

    public static InstallArchive FromItem(ITaskItem item)
    {
        var sha512 = item.GetMetadata("Sha512");
        var hash = sha512.Length > 0 ? ArchiveHash.TryParse(sha512) : ArchiveHash.TryParse(item.GetMetadata("Md5"));
        if (!long.TryParse(item.GetMetadata("Size"), out var size) || hash is null)
        {
            throw new WinVmException(
                ErrorCodes.CygwinArchiveItemInvalid,
                $"The Cygwin archive item '{item.ItemSpec}' needs metadata Size and Sha512 (or Md5), as ResolveCygwinPackages gives them.");
        }

        return new InstallArchive(item.ItemSpec, size, hash);
    }

    /// <summary>A required metadata value, or a coded error naming the item.</summary>
    public static string Required(ITaskItem item, string name) =>
        item.GetMetadata(name) is { Length: > 0 } value
            ? value
            : throw new WinVmException(ErrorCodes.CygwinArchiveItemInvalid, $"The item '{item.ItemSpec}' has no '{name}' metadata.");
}
