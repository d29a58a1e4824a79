using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tasks;

/// <summary>Forwards the engine's progress to the MSBuild log; a warning links to its code's explanation.</summary>
internal sealed class MSBuildLog(TaskLoggingHelper log, Func<string, string?> helpLink) : IBuildLog
{
    public void Message(string text) => log.LogMessage(MessageImportance.High, text);

    public void Detail(string text) => log.LogMessage(MessageImportance.Low, text);

    public void Warning(string code, string text) =>
        log.LogWarning(subcategory: null, code, helpKeyword: null, helpLink(code), file: null, 0, 0, 0, 0, text);
}
