namespace WinVmBuild.Network;

/// <summary>Where and as whom the host logs in to the guest.</summary>
/// <param name="Port">The host's loopback port QEMU forwards to the guest's port 22.</param>
/// <param name="User">The guest account the image's key is authorized for.</param>
/// <param name="PrivateKeyFile">The image's private key (OpenSSH format, mode 0600).</param>
/// <param name="HostKey">The guest's pinned host key; null only while the install learns it.</param>
public sealed record SshTarget(int Port, string User, string PrivateKeyFile, HostKeyPin? HostKey);
