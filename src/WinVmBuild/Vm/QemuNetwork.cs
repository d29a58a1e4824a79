namespace WinVmBuild.Vm;

/// <summary>The network card the guest sees. Windows has e1000 drivers built in; Linux guests use virtio.</summary>
public enum NicModel
{
    E1000,
    VirtioNet,
}

/// <summary>One network card plugged into a <see cref="VdeSwitch"/> (its socket folder), with a fixed MAC address.</summary>
public sealed record QemuNetwork(string SwitchFolder, NicModel Model, string MacAddress);
