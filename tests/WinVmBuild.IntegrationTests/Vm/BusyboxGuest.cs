using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Vm;

/// <summary>
/// A tiny Linux guest for proving the VM runtime: the host's kernel and an initrd with busybox-static, the
/// virtio modules (in the order KernelModules resolves) and an /init that runs a given script. Also used by
/// build/WinVmBuild.Bench (linked there), so it depends on nothing test-only.
/// </summary>
internal static class BusyboxGuest
{
    private static readonly string[] Modules = ["virtio_pci", "virtio_blk", "virtio_net"];

    /// <summary>
    /// Writes the initrd into <paramref name="folder"/> and returns a spec that boots it under TCG. The script
    /// runs as root with /proc, /sys, /dev mounted; when it ends the kernel panics and QEMU exits (-no-reboot).
    /// </summary>
    public static async Task<QemuMachineSpec> CreateAsync(string folder, string name, string script, int memoryMegabytes = 128)
    {
        var kernel = HostKernel.Find(null);
        var modules = KernelModules.Load(kernel);
        var initrd = new Initrd()
            .AddHostFile("/bin/busybox", "/bin/busybox")
            .AddDirectory("/sbin").AddDirectory("/usr/bin").AddDirectory("/usr/sbin")
            .AddDirectory("/proc").AddDirectory("/sys").AddDirectory("/dev").AddDirectory("/tmp");
        var loadOrder = modules.ResolveLoadOrder(Modules);
        for (var i = 0; i < loadOrder.Count; i++)
        {
            initrd.AddHostFile($"/modules/{i:D2}-{Path.GetFileName(loadOrder[i])}", modules.FullPath(loadOrder[i]));
        }

        initrd.AddText("/init", $"""
            #!/bin/busybox sh
            /bin/busybox --install -s
            mount -t proc proc /proc
            mount -t sysfs sys /sys
            mount -t devtmpfs dev /dev
            for module in /modules/*.ko; do insmod "$module"; done
            {script}
            """, 0b111_101_101);
        var initrdPath = Path.Combine(folder, $"{name}-initrd.cpio");
        await initrd.WriteAsync(initrdPath);
        return new QemuMachineSpec(name, memoryMegabytes, AcceleratorKind.Tcg)
        {
            Kernel = kernel.KernelPath,
            Initrd = initrdPath,
            KernelArguments = "console=ttyS0 quiet panic=-1",
            NoReboot = true,
        };
    }
}
