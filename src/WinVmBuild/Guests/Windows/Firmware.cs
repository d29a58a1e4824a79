namespace WinVmBuild.Guests.Windows;

/// <summary>How the VM boots, which decides the partition layout the answer file asks for.</summary>
public enum Firmware
{
    /// <summary>SeaBIOS: one active MBR partition.</summary>
    Bios,

    /// <summary>OVMF: GPT with an EFI system partition and an MSR partition.</summary>
    Uefi,
}
