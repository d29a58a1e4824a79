namespace WinVmBuild.Cygwin;

/// <summary>Where downloads are kept between builds when the project does not say (<c>WinVmCacheDir</c>).</summary>
public static class CacheFolder
{
    /// <summary><c>$XDG_CACHE_HOME/winvmbuild</c>, else <c>~/.cache/winvmbuild</c>.</summary>
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
}
