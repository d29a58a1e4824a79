namespace WinVmBuild.Guests;

/// <summary>The guest's system disk, created by the install stage (raw or qcow2).</summary>
public sealed record GuestDisk(string Path, string Format);
