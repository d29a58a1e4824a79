namespace WinVmBuild.Diagnostics;

/// <summary>A log that drops everything, for callers that do not report progress.</summary>
public sealed class NullBuildLog : IBuildLog
{
    public static readonly NullBuildLog Instance = new();

    private NullBuildLog()
    {
    }

    public void Message(string text)
    {
    }

    public void Detail(string text)
    {
    }

    public void Warning(string code, string text)
    {
    }
}
