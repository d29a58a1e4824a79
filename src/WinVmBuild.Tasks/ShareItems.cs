using Microsoft.Build.Framework;

namespace WinVmBuild.Tasks;

/// <summary>How a <c>WinVmShare</c> item names its share.</summary>
internal static class ShareItems
{
    /// <summary>The name a share has in the guest: its Name metadata, else the folder's own name.</summary>
    public static string Name(ITaskItem share)
    {
        var name = share.GetMetadata("Name");
        return string.IsNullOrEmpty(name) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(share.ItemSpec)) : name;
    }
}
