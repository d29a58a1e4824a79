using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Media;

/// <summary>
/// The key pair the host uses to log in to one base image's guest: generated fresh for that image (never a key
/// shipped with the package), the private half readable by its owner only.
/// </summary>
public sealed record SshKeyPair(string PrivateKeyFile, string PublicKeyFile)
{
    /// <summary>
    /// Returns the pair at <paramref name="privateKeyFile"/> and its ".pub" when both exist; otherwise generates a new
    /// ed25519 pair there. The pair is made in a hidden folder beside it and moved into place, so a half-made pair is
    /// never seen.
    /// </summary>
    public static async Task<SshKeyPair> CreateAsync(string privateKeyFile, string comment, IBuildLog log, CancellationToken cancellationToken)
    {
        var pair = new SshKeyPair(Path.GetFullPath(privateKeyFile), Path.GetFullPath(privateKeyFile) + ".pub");
        if (File.Exists(pair.PrivateKeyFile) && File.Exists(pair.PublicKeyFile))
        {
            log.Detail($"SSH key pair '{pair.PrivateKeyFile}' exists; reusing it.");
            return pair;
        }

        var work = AtomicPublish.TemporaryPathFor(pair.PrivateKeyFile);
        Directory.CreateDirectory(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var generated = Path.Combine(work, "key");
            await OpenSsh.GenerateKeyPairAsync(generated, comment, cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(generated, PrivateFile.Mode);
            // The private key goes first and alone: a pair is only reused when both files exist, so an old private
            // key must never stand beside a new public one.
            File.Delete(pair.PublicKeyFile);
            File.Move(generated, pair.PrivateKeyFile, overwrite: true);
            File.Move(generated + ".pub", pair.PublicKeyFile, overwrite: true);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        log.Message($"Generated SSH key pair '{pair.PrivateKeyFile}'.");
        return pair;
    }
}
