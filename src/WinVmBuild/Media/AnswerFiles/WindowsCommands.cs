using WinVmBuild.Diagnostics;

namespace WinVmBuild.Media.AnswerFiles;

/// <summary>
/// The two command lines every Windows answer file runs after setup: install Cygwin offline from its CD, then run
/// the bootstrap script. Drive letters depend on how many drives the VM has, so each command searches the letters
/// for the CD's marker file and runs on the drive that has it.
/// </summary>
public static class WindowsCommands
{
    /// <summary>Windows accepts at most 1024 characters in FirstLogonCommands' CommandLine.</summary>
    public const int MaximumLength = 1024;

    private const string DriveLetters = "d e f g h i j k l m n o p q r s t u v w x y z";

    /// <summary>
    /// Cygwin's setup in quiet offline mode. --no-verify: the CD's setup.ini carries no signature file. start /wait:
    /// setup is a GUI program, which cmd.exe would otherwise not wait for.
    /// </summary>
    public static string InstallCygwin(CygwinSelection cygwin) => OnCygwinCd(
        $@"start /wait %d:\{CygwinCd.SetupProgram} --quiet-mode --local-install --local-package-dir %d:\ --root {CygwinCd.CygwinRoot} --no-shortcuts --no-verify --packages {string.Join(',', cygwin.PackageNames)}");

    /// <summary>A login shell, so /etc/profile creates the user's home folder before the script writes into it.</summary>
    public static string RunBootstrap() =>
        OnCygwinCd($@"{CygwinCd.CygwinRoot}\bin\bash.exe -l /cygdrive/%d/{CygwinCd.BootstrapFileName}");

    // No double quotes anywhere: the same line goes into winnt.sif's quoted values.
    private static string OnCygwinCd(string command)
    {
        var line = $@"cmd.exe /c for %d in ({DriveLetters}) do @if exist %d:\{CygwinCd.MarkerFileName} {command}";
        return line.Length <= MaximumLength
            ? line
            : throw new WinVmException(
                ErrorCodes.SetupCommandTooLong,
                $"The Cygwin setup command would be {line.Length} characters; Windows accepts {MaximumLength}. Pass only the packages you need as CygwinPackages (setup adds their dependencies itself), not the whole closure.");
    }
}
