namespace WinVmBuild.Vm;

/// <summary>
/// What a stage decides about a VM it starts, as opposed to what the VM is made of (which the guest profile
/// or the controller appliance decides): its name, the accelerator, and the switch its network card plugs into.
/// </summary>
public sealed record VmSlot(string Name, AcceleratorKind Accelerator, string SwitchFolder)
{
    /// <summary>A machine in this slot with one network card on the switch.</summary>
    public QemuMachineSpec Machine(int memoryMegabytes, int cpus, NicModel nic, string macAddress) =>
        new(Name, memoryMegabytes, Accelerator)
        {
            Cpus = cpus,
            Network = new QemuNetwork(SwitchFolder, nic, macAddress),
        };
}
