namespace WinVmBuild.Media;

/// <summary>The files one CreateUnattendedMedia call wrote, all absolute paths.</summary>
/// <param name="ImageFile">The floppy or CD image holding the answer file.</param>
/// <param name="AnswerFile">A copy of the generated answer file beside the image, for inspection.</param>
/// <param name="InstallScriptFile">winvmbuild.cmd, for the root of the Cygwin CD: what Windows runs at its first logon.</param>
/// <param name="BootstrapScriptFile">bootstrap.sh, for the root of the Cygwin CD.</param>
/// <param name="MarkerFile">winvmbuild.marker, for the root of the Cygwin CD.</param>
/// <param name="SecretsFile">The passwords the install uses (mode 0600); read it with <see cref="InstallSecrets.Read"/>.</param>
public sealed record UnattendedMedia(
    string ImageFile, string AnswerFile, string InstallScriptFile, string BootstrapScriptFile, string MarkerFile, string SecretsFile)
{
    /// <summary>winvmbuild-quiet.cmd, for the root of the Cygwin CD; null when Windows is kept as it is.</summary>
    public string? QuietScriptFile { get; init; }
}
