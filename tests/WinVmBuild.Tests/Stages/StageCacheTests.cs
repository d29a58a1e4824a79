using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;

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

        var first = await FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Install, "k1", NullBuildLog.Instance, Create, CancellationToken.None));
        var second = await FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Install, "k1", NullBuildLog.Instance, Create, CancellationToken.None));

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
            EntryKind.Install, "k1", NullBuildLog.Instance,
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
        var creating = new TaskCompletionSource();
        var mayFinish = new TaskCompletionSource();
        async Task Create(string folder)
        {
            Interlocked.Increment(ref runs);
            creating.TrySetResult();
            await mayFinish.Task;
            await File.WriteAllTextAsync(Path.Combine(folder, "result"), "done");
        }

        // The second build starts while the first holds the entry's lock, and is let go only once it says it waits.
        var first = Task.Run(() => FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Suspend, "k", NullBuildLog.Instance, Create, CancellationToken.None)));
        await creating.Task;
        var secondLog = new RecordingLog();
        var waiting = new TaskCompletionSource();
        secondLog.Logged += line =>
        {
            if (line.Contains("another build is creating", StringComparison.Ordinal))
            {
                waiting.TrySetResult();
            }
        };
        var second = Task.Run(() => FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Suspend, "k", secondLog, Create, CancellationToken.None)));
        await waiting.Task;
        mayFinish.SetResult();
        var entries = await Task.WhenAll(first, second);

        Assert.AreEqual(1, runs);
        Assert.AreEqual(entries[0], entries[1]);
    }

    [TestMethod]
    public async Task An_entry_touched_copied_or_moved_with_the_same_bytes_is_still_used()
    {
        var cache = new StageCache(TestPaths.NewScratchFolder("cache-touched"));
        var runs = 0;
        var entry = await FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Suspend, "k", NullBuildLog.Instance, folder => Create(folder, ref runs), CancellationToken.None));
        var ram = Path.Combine(entry, "ram.img");
        System.IO.File.SetLastWriteTimeUtc(ram, DateTime.UtcNow.AddDays(-1));
        System.IO.File.Copy(ram, ram + ".copy");
        System.IO.File.Move(ram + ".copy", ram, overwrite: true);

        var again = await FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Suspend, "k", NullBuildLog.Instance, folder => Create(folder, ref runs), CancellationToken.None));
        await cache.EnsureIntactAsync(again, CancellationToken.None);

        Assert.AreEqual(1, runs);
    }

    [TestMethod]
    public async Task A_modified_or_truncated_file_makes_the_entry_damaged_it_is_refused_then_made_again()
    {
        foreach (var damage in new Action<string>[]
        {
            ram => { using var stream = System.IO.File.OpenWrite(ram); stream.Position = 4096; stream.WriteByte(1); },
            ram => { using var stream = System.IO.File.OpenWrite(ram); stream.SetLength(4096); },
            ram => System.IO.File.Delete(ram),
        })
        {
            var cache = new StageCache(TestPaths.NewScratchFolder("cache-damaged"));
            var log = new RecordingLog();
            var runs = 0;
            var entry = await FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Suspend, "k", log, folder => Create(folder, ref runs), CancellationToken.None));
            damage(Path.Combine(entry, "ram.img"));

            var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => cache.EnsureIntactAsync(entry, CancellationToken.None));
            var again = await FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Suspend, "k", log, folder => Create(folder, ref runs), CancellationToken.None));

            Assert.AreEqual(ErrorCodes.CacheEntryDamaged, error.Code);
            StringAssert.Contains(error.Message, "'ram.img'");
            Assert.AreEqual(2, runs);
            Assert.AreEqual(ErrorCodes.CacheEntryDamaged, log.Warnings.Single().Code);
            await cache.EnsureIntactAsync(again, CancellationToken.None);
            Assert.HasCount(1, Directory.GetDirectories(Path.Combine(cache.Root, "suspend")));
        }
    }

    [TestMethod]
    public async Task Bytes_that_rot_under_unchanged_metadata_are_caught_only_with_WinVmVerifyCache()
    {
        var cache = new StageCache(TestPaths.NewScratchFolder("cache-verify"));
        var runs = 0;
        var entry = await FolderOfAsync(cache.GetOrCreateAsync(EntryKind.Suspend, "k", NullBuildLog.Instance, folder => Create(folder, ref runs), CancellationToken.None));

        // What a bad sector does: other bytes under the same size, inode, mtime and ctime. The recorded sha256 changes instead.
        var manifest = Path.Combine(entry, "manifest.json");
        var recorded = System.Text.Json.Nodes.JsonNode.Parse(await System.IO.File.ReadAllTextAsync(manifest))!.AsArray();
        recorded.Single(file => (string?)file!["Name"] == "ram.img")!["Sha256"] = new string('0', 64);
        await System.IO.File.WriteAllTextAsync(manifest, recorded.ToJsonString());

        await cache.EnsureIntactAsync(entry, CancellationToken.None);
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => new StageCache(cache.Root) { VerifyEveryUse = true }.EnsureIntactAsync(entry, CancellationToken.None));

        StringAssert.Contains(error.Message, "'ram.img' was modified");
    }

    [TestMethod]
    public async Task An_entry_without_a_manifest_is_never_used()
    {
        var cache = new StageCache(TestPaths.NewScratchFolder("cache-legacy"));
        var legacy = Directory.CreateDirectory(cache.EntryPath(EntryKind.Install, "k")).FullName;
        await System.IO.File.WriteAllTextAsync(Path.Combine(legacy, "base.qcow2"), "made by an older WinVmBuild");

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => cache.EnsureIntactAsync(legacy, CancellationToken.None));

        StringAssert.Contains(error.Message, "no manifest");
    }

    /// <summary>The folder of the entry leased, its lease given back at once.</summary>
    private static async Task<string> FolderOfAsync(Task<EntryLease> leased)
    {
        using var lease = await leased;
        return lease.Folder;
    }

    /// <summary>A snapshot-like entry: a sparse RAM file with some data in it.</summary>
    private static Task Create(string folder, ref int runs)
    {
        runs++;
        using (var stream = System.IO.File.Create(Path.Combine(folder, "ram.img")))
        {
            stream.SetLength(1 << 20);
            stream.Position = 8192;
            stream.Write("guest memory"u8);
        }

        return System.IO.File.WriteAllTextAsync(Path.Combine(folder, "state.bin"), "devices");
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
