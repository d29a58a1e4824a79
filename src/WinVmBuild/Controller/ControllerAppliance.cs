using WinVmBuild.Guests;
using WinVmBuild.Vm;

namespace WinVmBuild.Controller;

/// <summary>
/// The controller VM: the host's kernel, a generated initrd, and the host's root over 9p (read-only), from
/// which it runs the host's own smbd and ssh. One behaviour for every stage; xchg/controller.conf says what to do.
/// </summary>
public static class ControllerAppliance
{
    public const string MacAddress = "52:54:00:12:01:02";

    public const string HostRootTag = "hostroot";

    public const int MemoryMegabytes = 256;

    /// <summary>Its network card and the 9p transport; the file systems (9p, tmpfs, proc) are built in or follow.</summary>
    public static readonly IReadOnlyList<string> Modules = ["virtio_pci", "virtio_net", "9pnet_virtio", "9p"];

    /// <summary>Writes the controller's initrd to <paramref name="initrdPath"/> (atomically).</summary>
    public static Task BuildInitrdAsync(HostKernel kernel, string initrdPath) =>
        ApplianceInitrd.Create(kernel, Modules, "controller-init.sh").WriteAsync(initrdPath);

    /// <summary>The controller VM for one run whose exchange folder is <paramref name="xchgFolder"/>.</summary>
    public static QemuMachineSpec Machine(VmSlot slot, HostKernel kernel, string initrdPath, string xchgFolder, ControllerConfig config)
    {
        var shares = new List<QemuShare>
        {
            new(HostRootTag, "/", ReadOnly: true),
            new(SharedFolder.ExchangeName, Path.GetFullPath(xchgFolder)),
        };
        shares.AddRange(config.Shares.Select((share, index) => new QemuShare(ControllerConfig.NinePTag(index), share.HostPath, share.ReadOnly)));
        return slot.Machine(MemoryMegabytes, cpus: 1, NicModel.VirtioNet, MacAddress) with
        {
            Kernel = kernel.KernelPath,
            Initrd = initrdPath,

            // panic=-1: should the init die, the VM reboots, which -no-reboot turns into QEMU exiting.
            KernelArguments = "console=ttyS0 panic=-1 loglevel=4",
            NoReboot = true,
            Shares = shares,
        };
    }
}
