using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Media;

/// <summary>Reads the one OpenSSH public key line that goes into the guest's authorized_keys.</summary>
public static partial class SshPublicKey
{
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new WinVmException(ErrorCodes.InputFileMissing, $"SshPublicKeyFile '{path}' does not exist; create it with the CreateSshKeyPair task.") { File = path };
        }

        var lines = (await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .ToList();
        return lines.Count == 1 && KeyLine().IsMatch(lines[0].Trim())
            ? lines[0].Trim()
            : throw new WinVmException(
                ErrorCodes.SshPublicKeyInvalid,
                $"'{path}' does not hold exactly one OpenSSH public key line ('ssh-ed25519 AAAA... comment'). Point SshPublicKeyFile at the .pub file CreateSshKeyPair made.") { File = path };
    }

    // Type, base64 blob, optional printable-ASCII comment: nothing that could end the script's quoted here-document.
    [GeneratedRegex(@"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,2}( [\x20-\x7E]*)?$")]
    private static partial Regex KeyLine();
}
