namespace WinVmBuild.Media;

/// <summary>What carries the answer file into the VM.</summary>
public enum MediaKind
{
    /// <summary>A 1.44 MB FAT12 floppy: read by every Windows setup, but not by some UEFI firmware.</summary>
    Floppy,

    /// <summary>A small ISO image, for UEFI firmware that ignores floppies.</summary>
    Cd,
}
