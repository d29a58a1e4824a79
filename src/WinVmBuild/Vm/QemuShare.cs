namespace WinVmBuild.Vm;

/// <summary>
/// A host folder exported to the guest over 9p (virtio-9p), mounted there by its <paramref name="Tag"/>. A
/// machine with a share cannot be migrated, so only the controller VM uses them, never the snapshotted guest.
/// </summary>
public sealed record QemuShare(string Tag, string HostPath, bool ReadOnly = false);
