namespace WinVmBuild.Host;

/// <summary>
/// One boot image of a CD's El Torito catalog, as xorriso reports it: the firmware it is for (its platform ID:
/// "BIOS" for PC BIOSes, "UEFI", or another) and whether it is marked bootable.
/// </summary>
public sealed record ElToritoEntry(string Platform, bool Bootable)
{
    /// <summary>What a PC BIOS boots: a bootable entry for the x86 BIOS platform (ID 0).</summary>
    public bool BootsBios => Bootable && Platform == "BIOS";
}
