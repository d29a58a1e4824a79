namespace WinVmBuild.Media;

/// <summary>
/// What the answer files expect at the root of the Cygwin repository CD (built by the Cygwin stage, which also
/// puts the media stage's bootstrap script and marker file there).
/// </summary>
public static class CygwinCd
{
    /// <summary>The file Windows looks for on every drive letter to find the CD: letters are not fixed.</summary>
    public const string MarkerFileName = "winvmbuild.marker";

    /// <summary>Run with bash -l after Cygwin's offline install; see <see cref="AnswerFiles.BootstrapScript"/>.</summary>
    public const string BootstrapFileName = "bootstrap.sh";

    /// <summary>The marker's content: names what the CD is for, never a secret.</summary>
    public static string MarkerContent(WindowsVersion version) =>
        $"WinVmBuild Cygwin repository for an unattended {version} install.\n";
}
