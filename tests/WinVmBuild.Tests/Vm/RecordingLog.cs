using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Vm;

/// <summary>Keeps the coded warnings a test provokes.</summary>
internal sealed class RecordingLog : IBuildLog
{
    public List<(string Code, string Text)> Warnings { get; } = [];

    public void Message(string text)
    {
    }

    public void Detail(string text)
    {
    }

    public void Warning(string code, string text) => Warnings.Add((code, text));
}
