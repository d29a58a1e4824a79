using WinVmBuild.Network;

namespace WinVmBuild.Vm;

/// <summary>
/// What a stage decides about a VM it starts, as opposed to what the VM is made of (which the guest profile decides):
/// its name and the accelerator.
/// </summary>
public sealed record VmSlot(string Name, AcceleratorKind Accelerator)
{
    /// <summary>A machine in this slot with the guest's network card on its isolated network.</summary>
    public QemuMachineSpec Machine(int memoryMegabytes, int cpus, NicModel nic) =>
        new(Name, memoryMegabytes, Accelerator)
        {
            Cpus = cpus,
            Network = new UserNetwork(nic, GuestNetwork.MacAddress),
        };
}
