using WinVmBuild.Diagnostics;
using WinVmBuild.Stages;

namespace WinVmBuild.Tests.Stages;

[TestClass]
public sealed class StageCacheTests
{
    [TestMethod]
    public async Task An_entry_is_created_once_and_then_reused()
    {
        var cache = new StageCache(TestPaths.NewScratchFolder("cache"));
        var runs = 0;
        Task Create(string folder)
        {
            runs++;
            return File.WriteAllTextAsync(Path.Combine(folder, "result"), "done");
        }

        var first = await cache.GetOrCreateAsync("install", "k1", NullBuildLog.Instance, Create, CancellationToken.None);
        var second = await cache.GetOrCreateAsync("install", "k1", NullBuildLog.Instance, Create, CancellationToken.None);

        Assert.AreEqual(first, second);
        Assert.AreEqual(1, runs);
        Assert.AreEqual("done", File.ReadAllText(Path.Combine(first, "result")));
    }

    [TestMethod]
    public async Task A_failed_creation_leaves_no_entry_and_no_temporary()
    {
        var root = TestPaths.NewScratchFolder("cache-fail");
        var cache = new StageCache(root);

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => cache.GetOrCreateAsync(
            "install", "k1", NullBuildLog.Instance,
            async folder =>
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "half"), "written");
                throw new InvalidOperationException("the VM died");
            },
            CancellationToken.None));

        CollectionAssert.AreEqual(Array.Empty<string>(), Directory.GetDirectories(Path.Combine(root, "install")));
    }

    [TestMethod]
    public async Task Two_concurrent_builds_create_an_entry_once()
    {
        var cache = new StageCache(TestPaths.NewScratchFolder("cache-race"));
        var runs = 0;
        async Task Create(string folder)
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(300);
            await File.WriteAllTextAsync(Path.Combine(folder, "result"), "done");
        }

        var entries = await Task.WhenAll(
            Task.Run(() => cache.GetOrCreateAsync("suspend", "k", NullBuildLog.Instance, Create, CancellationToken.None)),
            Task.Run(() => cache.GetOrCreateAsync("suspend", "k", NullBuildLog.Instance, Create, CancellationToken.None)));

        Assert.AreEqual(1, runs);
        Assert.AreEqual(entries[0], entries[1]);
    }

    [TestMethod]
    public void The_key_changes_with_any_input_and_only_then()
    {
        var scratch = TestPaths.NewScratchFolder("hash");
        var file = Path.Combine(scratch, "answer.img");
        File.WriteAllText(file, "one");
        string Key(string memory) => new InputHash().Add("memory", memory).AddFile("floppy", file).Finish();

        var original = Key("512");
        Assert.AreEqual(original, Key("512"));
        Assert.AreNotEqual(original, Key("1024"));
        File.WriteAllText(file, "two");
        Assert.AreNotEqual(original, Key("512"));
        Assert.AreNotEqual(new InputHash().Add("a", "bc").Finish(), new InputHash().Add("ab", "c").Finish());
    }
}
