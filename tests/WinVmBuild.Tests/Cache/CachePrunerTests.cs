using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Cache;

/// <summary>
/// Eviction: the least recently used entry nothing else was made from goes first, until the entries fit; an entry a build
/// holds (its lock shared, from this process or another) never goes, nor what it was made from.
/// </summary>
[TestClass]
public sealed class CachePrunerTests
{
    private static readonly DateTime Monday = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    [TestMethod]
    public async Task The_least_recently_used_entries_go_first_until_the_rest_fit()
    {
        var cache = NewCache();
        var tuesday = await MakeAsync(cache, EntryKind.Media, "tuesday", Monday.AddDays(1));
        var monday = await MakeAsync(cache, EntryKind.Media, "monday", Monday);
        var wednesday = await MakeAsync(cache, EntryKind.Media, "wednesday", Monday.AddDays(2));
        var log = new RecordingLog();

        var report = cache.Prune(OneAndAHalf(monday), log, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "media/monday", "media/tuesday" }, report.Evicted.ToList());
        Assert.IsFalse(monday.Exists);
        Assert.IsFalse(tuesday.Exists);
        Assert.IsTrue(wednesday.Exists);
        Assert.IsFalse(File.Exists(monday.UsedFile), "its stamps go with it");
        Assert.IsFalse(File.Exists(monday.MadeFromFile), "its stamps go with it");
        Assert.IsTrue(File.Exists(monday.LockFile), "its lock file stays: another build may hold it open");
        Assert.IsEmpty(Directory.GetDirectories(cache.Layout.Entries(EntryKind.Media), ".*"), "nothing left half-deleted");
        StringAssert.Matches(log.Messages[0], new System.Text.RegularExpressions.Regex(@"^WinVmBuild: cache: evicted media/monday \(1(\.\d)? MB, last used 2025-03-0\d \d\d:\d\d\)$"));
        StringAssert.Contains(log.Messages[^1], "2 entries evicted, the entries took 3");
        Assert.IsLessThanOrEqualTo(report.MaxSize, report.After);
        Assert.AreEqual(wednesday.AllocatedBytes(), report.After);
    }

    [TestMethod]
    public async Task An_entry_goes_only_once_nothing_left_was_made_from_it()
    {
        var cache = NewCache();
        var (media, install, snapshot) = await MakeChainAsync(cache, "a", Monday, Monday.AddHours(1), Monday.AddHours(2));
        var other = await MakeAsync(cache, EntryKind.Media, "other", Monday.AddDays(1));

        var report = cache.Prune(OneAndAHalf(other), new RecordingLog(), CancellationToken.None);

        // The media were used least recently, yet go last of the chain: the install needs them, the snapshot the install.
        CollectionAssert.AreEqual(new[] { snapshot.Name, install.Name, media.Name }, report.Evicted.ToList());
        Assert.IsTrue(other.Exists);
    }

    [TestMethod]
    public async Task A_chain_is_never_cut_in_half_when_only_part_of_it_must_go()
    {
        var cache = NewCache();
        var (media, install, snapshot) = await MakeChainAsync(cache, "a", Monday, Monday.AddHours(1), Monday.AddHours(2));
        var other = await MakeAsync(cache, EntryKind.Media, "other", Monday.AddDays(1));

        // Room for three of the four: the snapshot goes, though the media and the install were used before it.
        var report = cache.Prune(3 * other.AllocatedBytes() + (other.AllocatedBytes() / 2), new RecordingLog(), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { snapshot.Name }, report.Evicted.ToList());
        Assert.IsTrue(media.Exists && install.Exists && other.Exists);
    }

    [TestMethod]
    public async Task An_entry_of_an_older_WinVmBuild_without_a_record_keeps_every_entry_of_the_kinds_it_may_be_made_from()
    {
        var cache = NewCache();
        var (media, install, snapshot) = await MakeChainAsync(cache, "a", Monday, Monday.AddHours(1), Monday.AddDays(5));
        File.Delete(snapshot.MadeFromFile);
        var installer = await MakeAsync(cache, EntryKind.Installer, "iso", Monday.AddDays(3));

        var report = cache.Prune(3 * installer.AllocatedBytes() + (installer.AllocatedBytes() / 2), new RecordingLog(), CancellationToken.None);

        // Without the snapshot's record the install (used first) would look like a leaf; the installer ISO goes instead.
        CollectionAssert.AreEqual(new[] { installer.Name }, report.Evicted.ToList());
        Assert.IsTrue(media.Exists && install.Exists && snapshot.Exists);
    }

    [TestMethod]
    public async Task An_entry_of_an_older_WinVmBuild_gets_its_record_once_a_stage_finds_it()
    {
        var cache = NewCache();
        var (media, install, _) = await MakeChainAsync(cache, "a", Monday, Monday.AddHours(1), Monday.AddHours(2));
        File.Delete(install.MadeFromFile);
        using var mediaLease = await StageCache.UseAsync(media.Folder, NullBuildLog.Instance, CancellationToken.None);

        using (await cache.GetOrCreateAsync(
            EntryKind.Install, "a", NullBuildLog.Instance, _ => throw new AssertFailedException("found, not made"), CancellationToken.None, madeFrom: [mediaLease]))
        {
        }

        CollectionAssert.AreEqual(new[] { media }, install.MadeFrom!.ToList());
    }

    [TestMethod]
    public async Task An_entry_another_process_holds_shared_is_kept_and_the_next_goes_instead()
    {
        var cache = NewCache();
        var held = await MakeAsync(cache, EntryKind.Suspend, "held", Monday);
        var free = await MakeAsync(cache, EntryKind.Suspend, "free", Monday.AddDays(1));

        // A build elsewhere uses the older snapshot: flock(1) holds the lock shared for as long as it runs.
        await using (var build = RunningProcess.Start(new ProcessSpec("flock", ["--shared", "--close", held.LockFile, "sleep", "60"]) { DebianPackage = "util-linux" }))
        {
            await WaitUntilLockedAsync(held);
            var log = new RecordingLog();

            var report = cache.Prune(0, log, CancellationToken.None);

            CollectionAssert.AreEqual(new[] { free.Name }, report.Evicted.ToList());
            CollectionAssert.AreEqual(new[] { held.Name }, report.InUse.ToList());
            Assert.IsTrue(held.Exists);
            StringAssert.Contains(log.Messages[^1], $"running builds use {held.Name}");
        }

        // Once that build is done, it goes.
        var after = cache.Prune(0, new RecordingLog(), CancellationToken.None);
        CollectionAssert.AreEqual(new[] { held.Name }, after.Evicted.ToList());
    }

    [TestMethod]
    public async Task A_lease_of_this_process_keeps_its_entry_and_everything_it_was_made_from()
    {
        var cache = NewCache();
        var (media, install, snapshot) = await MakeChainAsync(cache, "a", Monday, Monday.AddHours(1), Monday.AddHours(2));
        var other = await MakeAsync(cache, EntryKind.Media, "other", Monday.AddDays(1));

        using (await StageCache.UseAsync(snapshot.Folder, new RecordingLog(), CancellationToken.None))
        {
            var report = cache.Prune(0, new RecordingLog(), CancellationToken.None);

            CollectionAssert.AreEqual(new[] { other.Name }, report.Evicted.ToList());
            CollectionAssert.AreEqual(new[] { snapshot.Name }, report.InUse.ToList());
            Assert.IsTrue(media.Exists && install.Exists && snapshot.Exists);
        }

        Assert.HasCount(3, cache.Prune(0, new RecordingLog(), CancellationToken.None).Evicted);
    }

    [TestMethod]
    public async Task Using_an_entry_marks_it_and_what_it_was_made_from_used_now()
    {
        var cache = NewCache();
        var (media, install, snapshot) = await MakeChainAsync(cache, "a", Monday, Monday.AddHours(1), Monday.AddHours(2));
        var before = DateTime.UtcNow.AddSeconds(-1);

        using (await StageCache.UseAsync(snapshot.Folder, new RecordingLog(), CancellationToken.None))
        {
            foreach (var entry in new[] { media, install, snapshot })
            {
                Assert.IsGreaterThan(before, entry.LastUsed, entry.Name);
            }
        }
    }

    [TestMethod]
    public async Task With_a_maximum_size_a_new_entry_evicts_older_ones_but_never_itself()
    {
        var root = TestPaths.NewScratchFolder("cache-limit");
        var old = await MakeAsync(new StageCache(root), EntryKind.Suspend, "old", Monday);
        var limited = new StageCache(root) { MaxSize = 0 };
        var log = new RecordingLog();

        using var fresh = await limited.GetOrCreateAsync(EntryKind.Suspend, "new", log, WriteMegabyteAsync, CancellationToken.None);

        Assert.IsFalse(old.Exists);
        Assert.IsTrue(fresh.Entry.Exists);
        StringAssert.Contains(log.Text, "evicted suspend/old");
        StringAssert.Contains(log.Text, "running builds use suspend/new");
    }

    [TestMethod]
    public async Task An_evicted_entry_is_made_again_and_a_stage_that_needs_it_is_told_to_build_again()
    {
        var cache = NewCache();
        var runs = 0;
        Task Create(string folder)
        {
            runs++;
            return WriteMegabyteAsync(folder);
        }

        var entry = await MakeAsync(cache, EntryKind.Install, "k", Monday);
        cache.Prune(0, new RecordingLog(), CancellationToken.None);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => StageCache.UseAsync(entry.Folder, new RecordingLog(), CancellationToken.None));
        using var again = await cache.GetOrCreateAsync(EntryKind.Install, "k", new RecordingLog(), Create, CancellationToken.None);

        Assert.AreEqual(ErrorCodes.StageInputMissing, error.Code);
        StringAssert.Contains(error.Message, "evicted to keep the cache under WinVmCacheMaxSize");
        Assert.AreEqual(1, runs);
        Assert.IsTrue(again.Entry.Exists);
    }

    private static StageCache NewCache() => new(TestPaths.NewScratchFolder("cache-prune"));

    /// <summary>An entry of about a megabyte on disk, made from <paramref name="madeFrom"/>, last used at <paramref name="lastUsed"/>.</summary>
    private static async Task<CacheEntry> MakeAsync(StageCache cache, EntryKind kind, string key, DateTime lastUsed, params EntryLease[] madeFrom)
    {
        CacheEntry entry;
        using (var lease = await cache.GetOrCreateAsync(kind, key, NullBuildLog.Instance, WriteMegabyteAsync, CancellationToken.None, madeFrom: madeFrom))
        {
            entry = lease.Entry;
        }

        File.SetLastWriteTimeUtc(entry.UsedFile, lastUsed);
        return entry;
    }

    /// <summary>Media, an install made from them and a snapshot made from both, as the stages record them, each last used at its time.</summary>
    private static async Task<(CacheEntry Media, CacheEntry Install, CacheEntry Snapshot)> MakeChainAsync(
        StageCache cache, string name, DateTime mediaUsed, DateTime installUsed, DateTime snapshotUsed)
    {
        var media = await MakeAsync(cache, EntryKind.Media, name, mediaUsed);
        using var mediaLease = await StageCache.UseAsync(media.Folder, NullBuildLog.Instance, CancellationToken.None);
        var install = await MakeAsync(cache, EntryKind.Install, name, installUsed, mediaLease);
        using var installLease = await StageCache.UseAsync(install.Folder, NullBuildLog.Instance, CancellationToken.None);
        var snapshot = await MakeAsync(cache, EntryKind.Suspend, name, snapshotUsed, installLease, mediaLease);

        // Leasing them to make the next one marked them used now: back to the times the test chose.
        File.SetLastWriteTimeUtc(media.UsedFile, mediaUsed);
        File.SetLastWriteTimeUtc(install.UsedFile, installUsed);
        return (media, install, snapshot);
    }

    /// <summary>Room for one entry of the size of <paramref name="entry"/> and half of another.</summary>
    private static long OneAndAHalf(CacheEntry entry) => entry.AllocatedBytes() * 3 / 2;

    private static async Task WriteMegabyteAsync(string folder)
    {
        var bytes = new byte[1 << 20];
        Array.Fill(bytes, (byte)'x');
        await File.WriteAllBytesAsync(Path.Combine(folder, "disk.qcow2"), bytes);
    }

    /// <summary>Until the process started holds <paramref name="entry"/>'s lock: an exclusive lock can no longer be taken.</summary>
    private static async Task WaitUntilLockedAsync(CacheEntry entry)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using (var probe = CacheLock.TryAcquire(entry.LockFile, LockMode.Exclusive))
            {
                if (probe is null)
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail("flock never took the lock");
    }
}
