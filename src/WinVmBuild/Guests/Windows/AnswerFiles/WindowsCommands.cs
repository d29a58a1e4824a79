using WinVmBuild.Media;

namespace WinVmBuild.Guests.Windows.AnswerFiles;

/// <summary>
/// The one command line every Windows answer file runs at the first logon: drive letters depend on how many drives the
/// VM has, so it searches the letters for the Cygwin CD's marker file and runs the CD's <see cref="InstallScript"/>
/// with that letter. No double quotes: the same line goes into winnt.sif's quoted values.
/// </summary>
public static class WindowsCommands
{
    private const string DriveLetters = "d e f g h i j k l m n o p q r s t u v w x y z";

    public static string InstallFromCygwinCd() =>
        $@"cmd.exe /c for %d in ({DriveLetters}) do @if exist %d:\{CygwinCd.MarkerFileName} %d:\{InstallScript.FileName} %d";
}
