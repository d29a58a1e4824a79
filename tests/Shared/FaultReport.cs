namespace WinVmBuild.Testing;

/// <summary>
/// One row of docs/reliability.md per fault tried: appended to the file <c>WINVMBUILD_RELIABILITY_REPORT</c> names,
/// when it names one (build/reliability.sh does), so that the table is what the suite measured.
/// </summary>
internal static class FaultReport
{
    private static readonly Lock Writing = new();

    public static void Record(string fault, string outcome, int processesLeft, int sessionFoldersLeft, int badCacheEntries)
    {
        var path = Environment.GetEnvironmentVariable("WINVMBUILD_RELIABILITY_REPORT");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        lock (Writing)
        {
            File.AppendAllText(path, $"| {fault} | {outcome} | {processesLeft} | {sessionFoldersLeft} | {badCacheEntries} |\n");
        }
    }
}
