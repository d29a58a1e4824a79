using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

[TestClass]
[RequiresHostPackages]
public sealed class KernelModulesTests
{
    [TestMethod]
    public void Dependencies_load_before_the_modules_that_need_them()
    {
        var order = KernelModules.Load(FakeKernel()).ResolveLoadOrder(["9p", "9pnet-virtio"]).ToList();

        CollectionAssert.AreEqual(
            new[] { "kernel/netfs.ko", "kernel/fscache.ko", "kernel/9pnet.ko", "kernel/9p.ko", "kernel/virtio_ring.ko", "kernel/9pnet_virtio.ko" },
            order);
    }

    [TestMethod]
    public void Soft_predecessors_come_first_and_missing_ones_are_skipped_like_modprobe()
    {
        var order = KernelModules.Load(FakeKernel()).ResolveLoadOrder(["cifs"]).ToList();

        CollectionAssert.AreEqual(new[] { "kernel/gcm.ko", "kernel/netfs.ko", "kernel/cifs.ko" }, order);
    }

    [TestMethod]
    public void An_unknown_module_is_a_coded_error_and_a_builtin_one_needs_no_file()
    {
        var modules = KernelModules.Load(FakeKernel());
        Assert.AreEqual(0, modules.ResolveLoadOrder(["virtio_pci"]).Count);
        var error = Assert.ThrowsExactly<WinVmException>(() => modules.ResolveLoadOrder(["nosuchmod"]));
        Assert.AreEqual(ErrorCodes.KernelModuleNotFound, error.Code);
    }

    [TestMethod]
    public void The_host_kernel_has_what_the_appliances_need()
    {
        var kernel = HostKernel.Find(null);
        var order = KernelModules.Load(kernel).ResolveLoadOrder(["9p", "9pnet_virtio", "virtio_net", "virtio_pci", "cifs"]);

        Assert.IsTrue(order.Any(path => path.EndsWith("/9p.ko", StringComparison.Ordinal)));
        Assert.IsTrue(order.Any(path => path.EndsWith("/cifs.ko", StringComparison.Ordinal)));
        Assert.IsTrue(order.All(path => File.Exists(Path.Combine(kernel.ModulesDirectory, path))));
    }

    [TestMethod]
    public void A_missing_kernel_is_a_coded_error_that_says_what_to_install()
    {
        var empty = TestPaths.NewScratchFolder("boot");
        var error = Assert.ThrowsExactly<WinVmException>(() => HostKernel.Find(null, empty, empty));
        Assert.AreEqual(ErrorCodes.KernelNotFound, error.Code);
        StringAssert.Contains(error.Message, "linux-image-amd64");
    }

    private static HostKernel FakeKernel()
    {
        var root = TestPaths.NewScratchFolder("modules");
        File.WriteAllLines(Path.Combine(root, "modules.dep"),
        [
            "kernel/netfs.ko:",
            "kernel/fscache.ko: kernel/netfs.ko",
            "kernel/9pnet.ko:",
            "kernel/9p.ko: kernel/9pnet.ko kernel/fscache.ko kernel/netfs.ko",
            "kernel/virtio_ring.ko:",
            "kernel/9pnet_virtio.ko: kernel/9pnet.ko kernel/virtio_ring.ko",
            "kernel/gcm.ko:",
            "kernel/cifs.ko: kernel/netfs.ko",
        ]);
        File.WriteAllLines(Path.Combine(root, "modules.builtin"), ["kernel/drivers/virtio/virtio_pci.ko"]);
        File.WriteAllLines(Path.Combine(root, "modules.softdep"), ["# comment", "softdep cifs pre: gcm missing_one post: later"]);
        return new HostKernel("test", "/dev/null", root);
    }
}
