using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Network;

/// <summary>
/// The guest's SSH host key, as "ssh-ed25519 SHA256:&lt;fingerprint&gt;". The install learns it from the freshly
/// installed guest, whose only link is the isolated network QEMU gives it, and keeps it in the image's cache entries
/// (<see cref="FileName"/>); every later connection must present the same key.
/// </summary>
public sealed record HostKeyPin(string Fingerprint)
{
    public const string FileName = "host-key";

    /// <summary>Reads the pin a stage kept in <paramref name="entry"/>.</summary>
    public static HostKeyPin Read(string entry)
    {
        var path = Path.Combine(entry, FileName);
        if (!File.Exists(path))
        {
            throw new WinVmException(
                ErrorCodes.StageInputMissing,
                $"'{path}' is missing: the guest's host key was not recorded. Delete '{entry}' so the stage that makes it runs again.") { File = path };
        }

        return new HostKeyPin(File.ReadAllText(path).Trim());
    }

    public Task WriteAsync(string entry, CancellationToken cancellationToken) =>
        PrivateFile.WriteTextAsync(Path.Combine(entry, FileName), Fingerprint + "\n", cancellationToken);

    public override string ToString() => Fingerprint;
}
