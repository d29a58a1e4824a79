namespace WinVmBuild.Host;

/// <summary>OpenSSH's ssh-keygen: the only place the engine makes SSH keys.</summary>
public static class OpenSsh
{
    /// <summary>
    /// Writes a new ed25519 key pair without a passphrase (the key opens one throw-away VM) to
    /// <paramref name="privateKeyPath"/> (mode 0600) and <paramref name="privateKeyPath"/>.pub. The path must not exist.
    /// </summary>
    public static Task GenerateKeyPairAsync(string privateKeyPath, string comment, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(
            new ProcessSpec("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", comment, "-f", privateKeyPath])
            {
                DebianPackage = "openssh-client",
            },
            cancellationToken);
}
