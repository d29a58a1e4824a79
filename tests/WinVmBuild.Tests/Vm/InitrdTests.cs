using WinVmBuild.Host;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

[TestClass]
[RequiresHostPackages]
public sealed class InitrdTests
{
    [TestMethod]
    public async Task Cpio_lists_every_entry_with_its_parents_and_reads_back_bytes_and_modes()
    {
        var scratch = TestPaths.NewScratchFolder("initrd");
        var image = Path.Combine(scratch, "initrd.cpio");
        await new Initrd()
            .AddText("/init", "#!/bin/sh\necho hi\n", 0b111_101_101)
            .AddFile("/etc/deep/data.bin", [0, 1, 2])
            .AddSymbolicLink("/bin/sh", "busybox")
            .AddDirectory("/proc")
            .WriteAsync(image);

        var listing = await ProcessRunner.RunCheckedAsync(new ProcessSpec("sh", ["-c", $"cpio -itv < {image}"]), CancellationToken.None);
        var names = listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ').Last()).ToArray();
        CollectionAssert.AreEqual(new[] { "bin", "busybox", "etc", "etc/deep", "etc/deep/data.bin", "init", "proc" }, names);
        StringAssert.Contains(listing.StandardOutput, "-rwxr-xr-x");
        StringAssert.Contains(listing.StandardOutput, "bin/sh -> busybox");

        var extracted = Directory.CreateDirectory(Path.Combine(scratch, "x")).FullName;
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("sh", ["-c", $"cpio -id < {image}"]) { WorkingDirectory = extracted }, CancellationToken.None);
        CollectionAssert.AreEqual(new byte[] { 0, 1, 2 }, File.ReadAllBytes(Path.Combine(extracted, "etc", "deep", "data.bin")));
    }

    [TestMethod]
    public async Task The_same_entries_give_the_same_bytes()
    {
        var scratch = TestPaths.NewScratchFolder("initrd-deterministic");
        await new Initrd().AddText("/b", "2").AddText("/a", "1").WriteAsync(Path.Combine(scratch, "one"));
        await new Initrd().AddText("/a", "1").AddText("/b", "2").WriteAsync(Path.Combine(scratch, "two"));
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(scratch, "one")), File.ReadAllBytes(Path.Combine(scratch, "two")));
    }

    [TestMethod]
    public async Task A_host_program_brings_the_libraries_ldd_lists()
    {
        var scratch = TestPaths.NewScratchFolder("initrd-ldd");
        var image = Path.Combine(scratch, "initrd.cpio");
        var initrd = await new Initrd().AddHostProgramAsync("/usr/sbin/sshd", CancellationToken.None);
        await initrd.WriteAsync(image);

        var listing = await ProcessRunner.RunCheckedAsync(new ProcessSpec("sh", ["-c", $"cpio -it < {image}"]), CancellationToken.None);
        StringAssert.Contains(listing.StandardOutput, "usr/sbin/sshd");
        StringAssert.Contains(listing.StandardOutput, "lib/x86_64-linux-gnu/libc.so.6");
        StringAssert.Contains(listing.StandardOutput, "lib/x86_64-linux-gnu/libcrypto.so.3");
        StringAssert.Contains(listing.StandardOutput, "lib64/ld-linux-x86-64.so.2");
    }
}
