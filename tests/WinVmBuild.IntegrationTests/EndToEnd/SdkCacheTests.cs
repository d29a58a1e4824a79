
namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// `dotnet build` against the stage cache as a user meets it: what must never install again (an hour of Windows with
/// KVM), what retakes only the snapshot, and a deleted cache that simply starts over. Each test has its own cache, and
/// an installer ISO past the 64 MiB the keys once stopped hashing at.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed class SdkCacheTests
{

    [TestMethod]
    public async Task Clean_no_incremental_a_deleted_obj_or_a_moved_iso_never_install_again_and_more_memory_retakes_only_the_snapshot()
    {
        var cache = TestPaths.NewScratchFolder("e2e-keys-cache");
        var iso = BigIso(TestPaths.NewScratchFolder("e2e-iso"));
        var project = await TestGuestProject.StandaloneAsync("keys", "make", "cached\n");
        string[] Settings(string isoPath) => [$"-p:WinVmCacheDir={cache}", $"-p:WinVmIso={isoPath}"];

        var first = await project.BuildAsync(Settings(iso));
        BuildAssert.Succeeded(first);
        BuildAssert.InOrder(first.StandardOutput, BuildAssert.MediaMade, BuildAssert.InstallLine, BuildAssert.SuspendLine, BuildAssert.RunLine);
        var collected = BuildAssert.Collected(project);

        var clean = await project.DotnetAsync(["clean", .. Settings(iso)]);
        BuildAssert.Succeeded(clean);
        Assert.IsFalse(File.Exists(collected), "dotnet clean leaves what the guest sent back");

        var afterClean = await project.BuildAsync(Settings(iso));
        BuildAssert.Succeeded(afterClean);
        StringAssert.Contains(afterClean.StandardOutput, BuildAssert.RunLine, "clean forgets the run stage");
        BuildAssert.None(afterClean.StandardOutput, BuildAssert.MediaMade, BuildAssert.InstallLine, BuildAssert.SuspendLine);

        var noIncremental = await project.BuildAsync(["--no-incremental", .. Settings(iso)]);
        BuildAssert.Succeeded(noIncremental);
        BuildAssert.None(noIncremental.StandardOutput, BuildAssert.MediaMade, BuildAssert.InstallLine, BuildAssert.SuspendLine);

        Directory.Delete(Path.Combine(project.Folder, "obj"), recursive: true);
        var freshObj = await project.BuildAsync(Settings(iso));
        BuildAssert.Succeeded(freshObj);
        BuildAssert.None(freshObj.StandardOutput, BuildAssert.MediaMade, BuildAssert.InstallLine, BuildAssert.SuspendLine);

        var moved = Path.Combine(TestPaths.NewScratchFolder("e2e-iso-moved"), "renamed.iso");
        File.Move(iso, moved);
        var movedIso = await project.BuildAsync(Settings(moved));
        BuildAssert.Succeeded(movedIso);
        BuildAssert.None(movedIso.StandardOutput, BuildAssert.MediaMade, BuildAssert.InstallLine, BuildAssert.SuspendLine);

        var moreMemory = await project.BuildAsync([.. Settings(moved), "-p:WinVmMemory=384"]);
        BuildAssert.Succeeded(moreMemory);
        BuildAssert.InOrder(moreMemory.StandardOutput, BuildAssert.SuspendLine, BuildAssert.RunLine);
        BuildAssert.None(moreMemory.StandardOutput, BuildAssert.MediaMade, BuildAssert.InstallLine);
    }

    [TestMethod]
    public async Task Deleting_the_cache_folder_makes_the_next_build_start_over_cleanly()
    {
        var cache = TestPaths.NewScratchFolder("e2e-deleted-cache");
        var project = await TestGuestProject.StandaloneAsync("deleted-cache", "make", "cached\n");
        var first = await project.BuildAsync($"-p:WinVmCacheDir={cache}");
        BuildAssert.Succeeded(first);

        Directory.Delete(cache, recursive: true);
        await File.WriteAllTextAsync(Path.Combine(project.Folder, "message.txt"), "after the cache was deleted\n");
        var again = await project.BuildAsync($"-p:WinVmCacheDir={cache}");

        BuildAssert.Succeeded(again);
        BuildAssert.InOrder(again.StandardOutput, BuildAssert.MediaMade, BuildAssert.InstallLine, BuildAssert.SuspendLine, BuildAssert.RunLine);
        Assert.AreEqual("after the cache was deleted\n", await File.ReadAllTextAsync(BuildAssert.Collected(project)));
    }

    /// <summary>The installer ISO: sparse, 80 MiB, its last byte set, so that only its bytes can tell it apart.</summary>
    private static string BigIso(string folder)
    {
        var path = Path.Combine(folder, "installer.iso");
        using var stream = File.Create(path);
        stream.SetLength(80L << 20);
        stream.Position = stream.Length - 1;
        stream.WriteByte(1);
        return path;
    }
}
