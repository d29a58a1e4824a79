namespace WinVmBuild.Diagnostics;

/// <summary>
/// Where the engine reports progress. The MSBuild tasks forward it to the build log; tests collect it.
/// Errors are not logged here: they are thrown as <see cref="WinVmException"/>.
/// </summary>
public interface IBuildLog
{
    /// <summary>Progress a user wants to see at normal verbosity (one line per stage, guest output).</summary>
    void Message(string text);

    /// <summary>Details for a detailed log (command lines, cache hits).</summary>
    void Detail(string text);

    /// <summary>A coded warning, one of <see cref="ErrorCodes"/>.</summary>
    void Warning(string code, string text);
}
