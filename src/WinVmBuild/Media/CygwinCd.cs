namespace WinVmBuild.Media;

/// <summary>What every guest finds at the root of the Cygwin repository CD, besides the repository itself.</summary>
public static class CygwinCd
{
    /// <summary>The file a guest looks for on every drive to find the CD: Windows' drive letters are not fixed.</summary>
    public const string MarkerFileName = "winvmbuild.marker";

    /// <summary>The marker, which names what the CD is for (never a secret).</summary>
    public static MediaFile Marker(string guest) => new(MarkerFileName, $"WinVmBuild Cygwin repository for an unattended {guest} install.\n");
}
