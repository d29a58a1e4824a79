using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Media;

/// <summary>
/// The passwords an image's install was given, kept in its cache entry (file mode 0600) so the later stages and a rebuilt
/// medium use the same ones. Format: UTF-8 lines "name=value"; a value runs to the end of its line.
/// </summary>
public sealed record InstallSecrets(string AdminUser, string AdminPassword, string SshdPassword)
{
    /// <summary>The file's name in the image's cache entry.</summary>
    public const string FileName = "secrets";

    private const string AdminUserKey = "admin-user";
    private const string AdminPasswordKey = "admin-password";
    private const string SshdPasswordKey = "sshd-password";

    /// <summary>Reads <paramref name="path"/>; a missing or damaged file is a coded error that never shows a value.</summary>
    public static InstallSecrets Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new WinVmException(ErrorCodes.InputFileMissing, $"The secrets file '{path}' does not exist; create the unattended media first.") { File = path };
        }

        var values = File.ReadAllLines(path)
            .Where(line => line.Contains('='))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return new InstallSecrets(Value(AdminUserKey), Value(AdminPasswordKey), Value(SshdPasswordKey));

        string Value(string key) => values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new WinVmException(ErrorCodes.SecretsFileInvalid, $"The secrets file '{path}' has no '{key}'. Delete it to have new secrets generated.") { File = path };
    }

    /// <summary>Writes the file atomically, readable by its owner only.</summary>
    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        PrivateFile.WriteTextAsync(
            path,
            $"{AdminUserKey}={AdminUser}\n{AdminPasswordKey}={AdminPassword}\n{SshdPasswordKey}={SshdPassword}\n",
            cancellationToken);

    /// <summary>Keeps the values out of logs and exception messages that format this record.</summary>
    public override string ToString() => $"{nameof(InstallSecrets)} {{ {nameof(AdminUser)} = {AdminUser}, passwords hidden }}";
}
