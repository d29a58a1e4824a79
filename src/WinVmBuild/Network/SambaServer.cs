using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Network;

/// <summary>
/// The host's Samba for one session: a folder only the invoking user can enter, holding the generated smb.conf, the
/// tdbsam account and everything smbd writes. Nothing listens: QEMU runs <see cref="Command"/> (smbd in inetd mode)
/// for each connection the guest opens to its share server, as the user running the build.
/// </summary>
public sealed class SambaServer
{
    /// <summary>Where Debian's samba package installs smbd.</summary>
    public const string DefaultSmbd = "/usr/sbin/smbd";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _folder;
    private readonly string _smbd;

    private SambaServer(string folder, string smbd, SambaAccount account)
    {
        _folder = folder;
        _smbd = smbd;
        Account = account;
    }

    public SambaAccount Account { get; }

    /// <summary>The command line (glib shell syntax) QEMU runs for each guest connection, for <see cref="Vm.UserNetwork.ShareServerCommand"/>.</summary>
    public string Command => $"{ShellQuote.Literal(_smbd)} -l {ShellQuote.Literal(Path.Combine(_folder, "log"))} -s {ShellQuote.Literal(ConfigurationFile)}";

    public string ConfigurationFile => Path.Combine(_folder, "smb.conf");

    /// <summary>smbd's log, which says why a guest's connection was refused.</summary>
    public string LogFile => Path.Combine(_folder, "log", "smbd.log");

    /// <summary>
    /// Writes the configuration for <paramref name="shares"/> into <paramref name="folder"/> (created) with a new
    /// account of the invoking user. The account is usable once <see cref="AddAccountAsync"/> has run.
    /// </summary>
    public static SambaServer Prepare(string folder, IReadOnlyList<SharedFolder> shares, SmbDialect minimum, string smbd = DefaultSmbd)
    {
        if (!File.Exists(smbd))
        {
            throw new WinVmException(
                ErrorCodes.ShareServerFailed,
                $"'{smbd}' does not exist: the guest's shares are served by the host's smbd. Install Debian's 'samba' package " +
                "(build/install-deps.sh installs it without starting or enabling its service).") { File = smbd };
        }

        SharedFolder.EnsureDistinct(shares);
        var full = Path.GetFullPath(folder);
        EnsureSocketsFit(full);
        Directory.CreateDirectory(full, OwnerOnly);
        foreach (var subfolder in SambaConfiguration.Folders.Select(entry => entry.Subfolder).Append("log"))
        {
            Directory.CreateDirectory(Path.Combine(full, subfolder), OwnerOnly);
        }

        var server = new SambaServer(full, smbd, new SambaAccount(Environment.UserName, PasswordGenerator.Generate()));
        File.WriteAllText(server.ConfigurationFile, SambaConfiguration.Generate(full, server.Account, shares, minimum));
        return server;
    }

    /// <summary>Adds the account to the passdb with pdbedit; the password goes through standard input, never a command line.</summary>
    public async Task AddAccountAsync(CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec("pdbedit", ["-s", ConfigurationFile, "-a", "-u", Account.User, "-t"])
        {
            StandardInput = $"{Account.Password}\n{Account.Password}\n",
            DebianPackage = "samba",
        };
        var result = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new WinVmException(
                ErrorCodes.ShareServerFailed,
                $"pdbedit could not add the share account '{Account.User}' (exit code {result.ExitCode}):\n{result.Tail()}");
        }
    }

    /// <summary>
    /// smbd makes a socket per process in its lock directory (<c>lock/msg.sock/&lt;pid&gt;</c>), and a socket's path has
    /// at most 107 bytes: past that, smbd dies as the guest connects, and the guest only sees "Host is down".
    /// </summary>
    private static void EnsureSocketsFit(string folder)
    {
        const int SocketPathMaximum = 107;
        var longest = Path.Combine(folder, "lock", "msg.sock", "4194304");
        if (System.Text.Encoding.UTF8.GetByteCount(longest) > SocketPathMaximum)
        {
            throw new WinVmException(
                ErrorCodes.ShareServerFailed,
                $"The session folder '{folder}' is too deep for smbd's sockets ('{longest}' is over {SocketPathMaximum} bytes). " +
                "Sessions live in $XDG_RUNTIME_DIR/winvmbuild, else ~/.local/state/winvmbuild/sessions: set XDG_RUNTIME_DIR to a " +
                "shorter folder of yours.");
        }
    }

    /// <summary>The last lines smbd logged, for an error about a share the guest could not mount.</summary>
    public string LogTail(int lines = 15) =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines)) : "(smbd wrote no log: QEMU never started it)";
}
