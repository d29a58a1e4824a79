using WinVmBuild.Network;

namespace WinVmBuild.Vm;

/// <summary>
/// What a stage decides about a VM it starts, as opposed to what the VM is made of (which the guest profile decides):
/// its name, the accelerator, the CPU model and the clock.
/// </summary>
public sealed record VmSlot(string Name, AcceleratorKind Accelerator)
{
    /// <summary>The <c>-cpu</c> model; null for the accelerator's default (<see cref="QemuArguments.CpuModel"/>).</summary>
    public string? CpuModel { get; init; }

    public GuestClock Clock { get; init; }

    /// <summary>A machine in this slot with the guest's network card on its isolated network.</summary>
    public QemuMachineSpec Machine(int memoryMegabytes, int cpus, NicModel nic) =>
        new(Name, memoryMegabytes, Accelerator)
        {
            Cpus = cpus,
            CpuModel = CpuModel,
            Clock = Clock,
            Network = new UserNetwork(nic, GuestNetwork.MacAddress),
        };
}
