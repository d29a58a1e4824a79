using Microsoft.Build.Framework;
using WinVmBuild.Media;

namespace WinVmBuild.Tasks;

/// <summary>
/// Makes the ed25519 key pair the host logs in to one base image with, inside that image's cache entry; an
/// existing pair is kept, so the key matches the image installed with it.
/// </summary>
public sealed class CreateSshKeyPair : WinVmTask
{
    /// <summary>The private key's path; the public key is written beside it with ".pub" added.</summary>
    [Required]
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>The key's comment, seen in the guest's authorized_keys.</summary>
    public string Comment { get; set; } = "winvmbuild";

    [Output]
    public string PrivateKeyFile { get; private set; } = string.Empty;

    [Output]
    public string PublicKeyFile { get; private set; } = string.Empty;

    protected override async Task ExecuteAsync()
    {
        var pair = await SshKeyPair.CreateAsync(KeyFile, Comment, BuildLog, CancellationToken).ConfigureAwait(false);
        PrivateKeyFile = pair.PrivateKeyFile;
        PublicKeyFile = pair.PublicKeyFile;
    }
}
