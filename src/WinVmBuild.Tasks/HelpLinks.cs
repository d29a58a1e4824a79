namespace WinVmBuild.Tasks;

/// <summary>
/// Where a WinVmBuild code is explained: its row of docs/errors.md, which carries the code as an anchor
/// (<c>#wvb0403</c>). MSBuild gives the link to IDEs and its terminal logger, which makes the code a link. The page is
/// the one <c>WinVmHelpLinkBase</c> names when a project sets it (a URL where a team publishes this repository's docs,
/// or a path), else the copy the package carries beside its tasks, as a <c>file://</c> URL: the repository is
/// published nowhere a link could rely on, and that copy always matches the version that logged the code.
/// </summary>
internal static class HelpLinks
{
    /// <summary>docs/errors.md in the package: the tasks are in tools/net8.0/, the page in docs/.</summary>
    private static readonly string PackagedPage =
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(HelpLinks).Assembly.Location) ?? ".", "..", "..", "docs", "errors.md"));

    /// <summary>The link to <paramref name="code"/>'s row, or null for a code of another tool's, or when there is no page to link to.</summary>
    /// <param name="linkBase">WinVmHelpLinkBase: a URL or a path of the errors page; empty for the package's copy.</param>
    public static string? For(string code, string linkBase)
    {
        if (!code.StartsWith("WVB", StringComparison.Ordinal))
        {
            return null;
        }

        var page = linkBase.Length > 0 ? linkBase : File.Exists(PackagedPage) ? PackagedPage : null;
        if (page is null)
        {
            return null;
        }

        var url = Path.IsPathRooted(page) ? new Uri(page).AbsoluteUri : page;
        return $"{url}#{code.ToLowerInvariant()}";
    }
}
