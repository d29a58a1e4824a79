namespace WinVmBuild.Cache;

/// <summary>
/// The one place that names the cache folder's parts (<c>WinVmCacheDir</c>): an entry folder per
/// <see cref="EntryKind"/>, and what the stages keep beside their entries.
/// <code>
/// media/ install/ layer/ suspend/ installer/   entries, by key (StageCache), each with its stamps beside it (CacheEntry)
/// cygwin/       setup.ini per mirror, archives by their sha512
/// hashes/       sha256 of big inputs, remembered by file identity (ContentHashes)
/// images/       a Windows ISO's image list, remembered by file identity
/// registry/     a registry transfer in progress, per entry
/// diagnostics/  a failed or timed-out stage's console log and screenshots
/// </code>
/// </summary>
public sealed class CacheLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary><c>$XDG_CACHE_HOME/winvmbuild</c>, else <c>~/.cache/winvmbuild</c>: where the cache is when the project does not say.</summary>
    public static string Default
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "winvmbuild");
        }
    }

    /// <summary>The folder of <paramref name="kind"/>'s entries.</summary>
    public string Entries(EntryKind kind) => Path.Combine(Root, kind.Name);

    /// <summary>Cygwin's setup.ini files and package archives, shared by every image.</summary>
    public string Cygwin => Path.Combine(Root, "cygwin");

    public string Hashes => Path.Combine(Root, "hashes");

    public string Images => Path.Combine(Root, "images");

    public string Diagnostics => Path.Combine(Root, "diagnostics");

    /// <summary>
    /// Where an entry's registry transfer is staged, as an OCI layout: in the cache's file system, under the entry's
    /// exclusive lock for a pull, under <see cref="CacheEntry.PushLockFile"/> for a push. A pull that fails leaves it, and the
    /// next one fetches only what is still missing.
    /// </summary>
    public string RegistryTransfer(EntryKind kind, string key) => Path.Combine(Root, "registry", kind.EntryName(key));
}
