using WinVmBuild.Stages;

namespace WinVmBuild.Tests.Stages;

[TestClass]
public sealed class ProjectFilesTests
{
    [TestMethod]
    public async Task What_changed_since_a_listing_is_what_the_guests_copy_needs_deleted_then_sent()
    {
        var folder = TestPaths.NewScratchFolder("project-files");
        await WriteAsync(folder, "same.c", "unchanged");
        await WriteAsync(folder, "edited.c", "before");
        await WriteAsync(folder, "old-name.h", "renamed");
        await WriteAsync(folder, "gone/a.txt", "a");
        await WriteAsync(folder, "gone/deeper/b.txt", "b");
        await WriteAsync(folder, "becomes-folder", "a file first");
        File.CreateSymbolicLink(Path.Combine(folder, "link"), "same.c");
        var baseline = ProjectFiles.Scan(folder);

        await WriteAsync(folder, "edited.c", "after!");
        File.Move(Path.Combine(folder, "old-name.h"), Path.Combine(folder, "new-name.h"));
        Directory.Delete(Path.Combine(folder, "gone"), recursive: true);
        File.Delete(Path.Combine(folder, "becomes-folder"));
        await WriteAsync(folder, "becomes-folder/inside.txt", "now a folder");
        Directory.CreateDirectory(Path.Combine(folder, "empty"));
        var delta = ProjectFiles.Scan(folder).ChangesSince(ProjectFiles.Parse(baseline.ToJson()));

        CollectionAssert.AreEqual(new[] { "becomes-folder", "edited.c", "gone", "old-name.h" }, delta.Deleted.ToList());
        CollectionAssert.AreEqual(new[] { "becomes-folder", "becomes-folder/inside.txt", "edited.c", "empty", "new-name.h" }, delta.Sent.ToList());
        Assert.AreEqual("after!".Length + "now a folder".Length + "renamed".Length, delta.SentBytes);
    }

    [TestMethod]
    public async Task A_rewrite_with_the_same_bytes_size_and_time_is_sent_again_and_nothing_else_is()
    {
        var folder = TestPaths.NewScratchFolder("project-files-touch");
        await WriteAsync(folder, "a.c", "same");
        await WriteAsync(folder, "b.c", "same");
        var baseline = ProjectFiles.Scan(folder);
        var path = Path.Combine(folder, "a.c");
        var time = File.GetLastWriteTimeUtc(path);

        await Task.Delay(20);
        await WriteAsync(folder, "a.c", "same");
        File.SetLastWriteTimeUtc(path, time);
        var delta = ProjectFiles.Scan(folder).ChangesSince(baseline);

        CollectionAssert.AreEqual(new[] { "a.c" }, delta.Sent.ToList(), "its change time moved: the bytes may differ");
        CollectionAssert.AreEqual(new[] { "a.c" }, delta.Deleted.ToList());
        Assert.AreEqual(8, baseline.Bytes);
        Assert.IsEmpty(ProjectFiles.Scan(folder).ChangesSince(ProjectFiles.Scan(folder)).Sent);
    }

    private static async Task WriteAsync(string folder, string path, string text)
    {
        var file = Path.Combine(folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, text);
    }
}
