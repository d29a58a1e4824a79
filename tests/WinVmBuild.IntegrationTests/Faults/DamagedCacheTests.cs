using WinVmBuild.IntegrationTests.EndToEnd;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Faults;

/// <summary>A snapshot in the cache damaged behind the build's back (a truncated copy, a full disk elsewhere, a bad sector).</summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
[TestCategory("Faults")]
public sealed class DamagedCacheTests
{
    [TestMethod]
    [DataRow("state.bin")]
    [DataRow(SuspendStage.DiskFile)]
    public async Task A_truncated_file_of_a_snapshot_is_detected_and_the_snapshot_retaken_never_revived(string file)
    {
        var project = await TestGuestProject.StandaloneAsync($"truncated-{Path.GetFileNameWithoutExtension(file)}", "make", "retaken\n");
        string[] settings = [$"-p:WinVmMemory={320 + Random.Shared.Next(64)}"]; // a snapshot of its own on the shared cache
        BuildAssert.Succeeded(await project.BuildAsync(settings));
        var entry = File.ReadAllText(Directory.GetFiles(Path.Combine(project.Folder, "obj"), "suspend", SearchOption.AllDirectories).Single()).Trim();
        var damaged = Path.Combine(entry, file);
        using (var stream = new FileStream(damaged, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length / 2);
        }

        File.AppendAllText(Path.Combine(project.Folder, "message.txt"), "again\n");
        var next = await project.BuildAsync(settings);

        BuildAssert.Succeeded(next);
        StringAssert.Contains(next.StandardOutput, "warning WVB0406");
        StringAssert.Contains(next.StandardOutput, $"'{file}' has");
        BuildAssert.InOrder(next.StandardOutput, BuildAssert.SuspendLine, BuildAssert.RunLine);
        Assert.AreEqual("retaken\nagain\n", await File.ReadAllTextAsync(BuildAssert.Collected(project)));
        FaultReport.Record(
            $"The snapshot's {file} is truncated in the cache", "warning WVB0406; the snapshot is retaken, the build succeeds",
            await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [TestGuestProject.CacheDir]));
    }
}
