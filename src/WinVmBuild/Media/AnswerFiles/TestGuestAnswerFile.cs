using WinVmBuild.Network;

namespace WinVmBuild.Media.AnswerFiles;

/// <summary>
/// testguest.cfg, what the Linux test guest's init script reads (busybox sh) in place of a Windows answer file:
/// UTF-8, LF, "key value" lines, '#' comments. The authorized key goes beside it, in <see cref="AuthorizedKeysFileName"/>.
/// </summary>
public static class TestGuestAnswerFile
{
    public const string FileName = "testguest.cfg";

    public const string AuthorizedKeysFileName = "authorized_keys";

    /// <summary>The account the host logs in as; authorized_keys is its.</summary>
    public const string User = "root";

    /// <summary>Where the guest unpacks the archives on its own disk (its stand-in for C:\cygwin64).</summary>
    public const string Root = "/cygwin";

    public static string Create(AnswerFileInputs inputs)
    {
        inputs.Cygwin.RequireArchives();
        var lines = new List<string>
        {
            "# WinVmBuild test guest answer file",
            $"address {GuestNetwork.AddressWithPrefix}",
            $"mac {GuestNetwork.MacAddress}",
            $"root {Root}",
        };
        lines.AddRange(inputs.Cygwin.ArchivePaths.Select(path => $"archive {path}"));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The authorized_keys file: the one public key line.</summary>
    public static string AuthorizedKeys(AnswerFileInputs inputs) => inputs.SshPublicKey + "\n";
}
