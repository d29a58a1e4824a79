namespace WinVmBuild.Vm;

/// <summary>What the project asks for (<c>WinVmAccelerator</c>); <see cref="Vm.Accelerator.Resolve"/> turns it into the one QEMU uses.</summary>
public enum AcceleratorChoice
{
    /// <summary>KVM when this host can use it, else TCG with a warning.</summary>
    Auto,

    /// <summary>KVM, or an error saying why it cannot be used.</summary>
    Kvm,

    /// <summary>Software emulation, without asking.</summary>
    Tcg,
}
