using System.Formats.Tar;
using WinVmBuild.Diagnostics;
using WinVmBuild.Stages;

namespace WinVmBuild.Tests.Stages;

/// <summary>The tar stream of outputs the guest sends back is untrusted: only plain files that stay inside the output folder are written.</summary>
[TestClass]
public sealed class OutputArchiveTests
{
    [TestMethod]
    public async Task Plain_files_and_folders_are_written_at_their_relative_paths_with_their_bytes()
    {
        var output = TestPaths.NewScratchFolder("outputs");
        var log = new RecordingLog();
        var bytes = new byte[] { 0, 1, 2, 255, 10, 13 };

        var collected = await ExtractAsync(output, log, new UstarTarEntry(TarEntryType.Directory, "bin dir/"), File("bin dir/tool.exe", bytes), File("top.txt", "top"u8.ToArray()));

        CollectionAssert.AreEqual(new[] { Path.Combine(output, "bin dir", "tool.exe"), Path.Combine(output, "top.txt") }, collected.ToArray());
        CollectionAssert.AreEqual(bytes, await System.IO.File.ReadAllBytesAsync(Path.Combine(output, "bin dir", "tool.exe")));
        Assert.IsEmpty(log.Warnings);
    }

    [TestMethod]
    public async Task Links_devices_and_names_that_leave_the_folder_are_refused_each_with_a_warning()
    {
        var output = Path.Combine(TestPaths.NewScratchFolder("outputs-hostile"), "bin");
        Directory.CreateDirectory(output);
        var log = new RecordingLog();

        var collected = await ExtractAsync(
            output,
            log,
            new UstarTarEntry(TarEntryType.SymbolicLink, "result.txt") { LinkName = "/root/.ssh/id_ed25519" },
            new UstarTarEntry(TarEntryType.HardLink, "hard.txt") { LinkName = "/etc/shadow" },
            new UstarTarEntry(TarEntryType.CharacterDevice, "tty"),
            File("../escaped.txt", [1]),
            File("/etc/absolute.txt", [1]),
            File("a/../../escaped.txt", [1]),
            File("..\\..\\windows.txt", [1]));

        Assert.IsEmpty(collected);
        Assert.IsEmpty(Directory.GetFileSystemEntries(Path.GetDirectoryName(output)!).Except([output]));
        Assert.IsEmpty(Directory.GetFileSystemEntries(output));
        Assert.HasCount(7, log.Warnings);
        Assert.IsTrue(log.Warnings.All(warning => warning.Code == ErrorCodes.GuestOutputRefused));
    }

    [TestMethod]
    public async Task An_archive_without_entries_read_from_a_pipe_collects_nothing()
    {
        // What the collect script sends when no declared output exists, through a stream that cannot seek, as SSH's.
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var reader = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        await pipe.WriteAsync(new byte[1024]);
        pipe.Dispose();

        Assert.IsEmpty(await OutputArchive.ExtractAsync(reader, TestPaths.NewScratchFolder("outputs-none"), new RecordingLog(), CancellationToken.None));
    }

    [TestMethod]
    public async Task An_archive_that_breaks_off_keeps_what_came_before_with_a_warning()
    {
        var whole = new MemoryStream();
        await using (var writer = new TarWriter(whole, leaveOpen: true))
        {
            await writer.WriteEntryAsync(File("first.txt", "first"u8.ToArray()));
            await writer.WriteEntryAsync(File("second.txt", new byte[4096]));
        }

        var output = TestPaths.NewScratchFolder("outputs-broken");
        var log = new RecordingLog();
        var collected = await OutputArchive.ExtractAsync(new MemoryStream(whole.ToArray()[..1200]), output, log, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { Path.Combine(output, "first.txt") }, collected.ToArray());
        Assert.AreEqual(ErrorCodes.GuestOutputRefused, log.Warnings.Single().Code);
    }

    private static UstarTarEntry File(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    private static async Task<IReadOnlyList<string>> ExtractAsync(string output, IBuildLog log, params TarEntry[] entries)
    {
        var archive = new MemoryStream();
        await using (var writer = new TarWriter(archive, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                await writer.WriteEntryAsync(entry);
            }
        }

        archive.Position = 0;
        return await OutputArchive.ExtractAsync(archive, output, log, CancellationToken.None);
    }
}
