using WinVmBuild.Network;

namespace WinVmBuild.Guests.TestGuest;

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

    /// <summary>The file for a guest that unpacks <paramref name="archives"/> (install paths on the Cygwin CD), in order.</summary>
    public static string Create(IReadOnlyList<string> archives)
    {
        var lines = new List<string>
        {
            "# WinVmBuild test guest answer file",
            $"address {GuestNetwork.AddressWithPrefix}",
            $"mac {GuestNetwork.MacAddress}",
            $"root {Root}",
        };
        lines.AddRange(archives.Select(path => $"archive {path}"));
        return string.Join('\n', lines) + "\n";
    }
}
