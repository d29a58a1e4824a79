namespace WinVmBuild.Vm;

/// <summary>How QEMU runs guest code: KVM (hardware virtualization) or TCG (software emulation, many times slower).</summary>
public enum AcceleratorKind
{
    Kvm,
    Tcg,
}
