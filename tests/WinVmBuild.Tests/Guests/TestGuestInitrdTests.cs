using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Host;
using WinVmBuild.Tests.Host;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Guests;

[TestClass]
[RequiresHostPackages]
public sealed class TestGuestInitrdTests
{
    [TestMethod]
    public async Task The_test_guest_initrd_holds_busybox_sshd_and_its_modules_in_load_order()
    {
        var folder = TestPaths.NewScratchFolder("testguest-initrd");
        var kernel = HostKernel.Find(null);
        var image = Path.Combine(folder, "initrd.cpio");
        await TestGuestProfile.CreateInitrdAsync(kernel, image, CancellationToken.None);

        var listing = await ListAsync(image);
        CollectionAssert.IsSubsetOf(
            new[] { "init", "bin/busybox", "bin/sh", "usr/sbin/sshd", "usr/bin/ssh-keygen", "lib/x86_64-linux-gnu/libcrypto.so.3", "etc/passwd", "run/sshd" },
            listing.ToList());
        var modules = await ModuleOrderAsync(image, folder);
        CollectionAssert.AreEquivalent(listing.Where(name => name.EndsWith(".ko", StringComparison.Ordinal)).ToList(), modules.Select(m => "lib/modules/" + m).ToList());
        AssertBefore(modules, "virtio_ring.ko", "virtio_pci.ko");
        AssertBefore(modules, "crc32c_generic.ko", "ext4.ko");
        AssertBefore(modules, "jbd2.ko", "ext4.ko");
        AssertBefore(modules, "fat.ko", "vfat.ko");
        AssertBefore(modules, "cdrom.ko", "isofs.ko");
        foreach (var cifsNeed in new[] { "gcm.ko", "ccm.ko", "cmac.ko", "md4.ko", "sha512_generic.ko", "netfs.ko", "fscache.ko", "cifs_md4.ko" })
        {
            AssertBefore(modules, cifsNeed, "cifs.ko");
        }

        Assert.IsFalse(modules.Any(m => m.EndsWith("/9p.ko", StringComparison.Ordinal)), "no 9p in the guest: migration refuses it");
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(folder, "extracted", "init")), "KexAlgorithms=" + WinVmBuild.Network.GuestSsh.GuestKeyExchange + " ");
    }

    [TestMethod]
    public async Task The_init_script_is_clean_POSIX_sh_for_shellcheck()
    {
        await ShellTexts.AssertShellcheckCleanAsync(TestGuestInitrd.ReadScript(TestGuestInitrd.InitScript), TestGuestInitrd.InitScript);
    }

    private static async Task<string[]> ListAsync(string image) =>
        (await ProcessRunner.RunCheckedAsync(new ProcessSpec("sh", ["-c", "cpio -it < \"$1\"", "sh", image]), CancellationToken.None))
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The init's module list, read back out of the archive with cpio.</summary>
    private static async Task<List<string>> ModuleOrderAsync(string image, string folder)
    {
        var extracted = Directory.CreateDirectory(Path.Combine(folder, "extracted")).FullName;
        await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("sh", ["-c", "cpio -id etc/winvmbuild/modules init < \"$1\"", "sh", image]) { WorkingDirectory = extracted }, CancellationToken.None);
        return File.ReadAllLines(Path.Combine(extracted, "etc", "winvmbuild", "modules")).ToList();
    }

    private static void AssertBefore(List<string> modules, string first, string then)
    {
        var a = modules.FindIndex(m => m.EndsWith("/" + first, StringComparison.Ordinal));
        var b = modules.FindIndex(m => m.EndsWith("/" + then, StringComparison.Ordinal));
        Assert.IsTrue(a >= 0 && b >= 0 && a < b, $"{first} must be loaded before {then}:\n{string.Join('\n', modules)}");
    }
}
