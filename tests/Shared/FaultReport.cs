namespace WinVmBuild.Testing;

/// <summary>
/// One row of docs/reliability.md per fault tried: appended to the file <c>WINVMBUILD_RELIABILITY_REPORT</c> names,
/// when it names one (build/reliability.sh does), so that the table is what the suite measured. Every figure of a row
/// is asserted here too: a row can only say what its test enforces.
/// </summary>
internal static class FaultReport
{
    private static readonly Lock Writing = new();

    /// <summary>Records the row of <paramref name="fault"/>, then asserts that it left nothing.</summary>
    public static void Record(string fault, string outcome, Leftovers left)
    {
        var path = Environment.GetEnvironmentVariable("WINVMBUILD_RELIABILITY_REPORT");
        if (!string.IsNullOrEmpty(path))
        {
            lock (Writing)
            {
                File.AppendAllText(path, $"| {fault} | {outcome} | {left.Processes.Count} | {left.SessionFolders.Count} | {left.BadEntries.Count} |\n");
            }
        }

        Assert.IsEmpty(left.Processes, $"{fault}: processes of its VM sessions still run:\n{string.Join('\n', left.Processes)}");
        Assert.IsEmpty(left.SessionFolders, $"{fault}: session folders, with their secrets, are still there:\n{string.Join('\n', left.SessionFolders)}");
        Assert.IsEmpty(left.BadEntries, $"{fault}: bad cache entries:\n{string.Join('\n', left.BadEntries)}");
    }
}
