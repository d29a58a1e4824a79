using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Reaper;

/// <summary>
/// The one per-user place where every VM session of every WinVmBuild build is registered, whatever <c>TMPDIR</c> or
/// <c>WinVmCacheDir</c> say: <c>$XDG_RUNTIME_DIR/winvmbuild</c> (a per-user tmpfs, emptied at logout), else
/// <c>~/.local/state/winvmbuild/sessions</c>. A session is a folder, <c>&lt;stage&gt;-&lt;id&gt;/</c>, that holds its
/// work (QEMU's folder, the Samba account) and <c>owner.lock</c>, which its build holds (<c>flock</c>) while it lives.
/// Whatever ends a build, its session's watcher stops the session's processes within seconds (QEMU and everything it
/// started, skopeo: all marked as the session's work, see <see cref="SessionReaper"/>); a session whose lock is free
/// belongs to a build that died, and the next build on the machine reaps it at its start (<see cref="ReapDeadAsync"/>),
/// if its watcher could not.
/// </summary>
public sealed class SessionRegistry(string root)
{
    public const string LockFile = "owner.lock";

    /// <summary>
    /// In a session kept after its build (<see cref="SessionLease.Keep"/>): until when, in Unix seconds. Its watcher
    /// reaps it then; until then its free owner's lock does not make it dead.
    /// </summary>
    public const string KeptUntilFile = "keep-until";

    /// <summary>How old a hidden session folder (being made or ended: see <see cref="HiddenPath"/>) must be to count as abandoned.</summary>
    private static readonly TimeSpan HiddenGrace = TimeSpan.FromMinutes(1);

    public string Root { get; } = Path.GetFullPath(root);

    public static SessionRegistry ForCurrentUser() => new(DefaultRoot());

    /// <summary>Registers a new session of <paramref name="stage"/>: its folder (0700) appears whole, already locked, and watched.</summary>
    public SessionLease Register(string stage)
    {
        Directory.CreateDirectory(Root, PrivateFile.FolderMode);
        var name = $"{stage}-{Guid.NewGuid():N}"[..(stage.Length + 13)];
        var folder = Path.Combine(Root, name);
        var staging = HiddenPath(folder, "new");
        Directory.CreateDirectory(staging, PrivateFile.FolderMode);
        var ownerLock = new FileStream(Path.Combine(staging, LockFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            // The lock moves with its folder: a reaper never sees this session without its owner's lock held.
            Directory.Move(staging, folder);
            return new SessionLease(folder, ownerLock, SessionReaper.Watch(folder));
        }
        catch
        {
            ownerLock.Dispose();
            Directory.Delete(Directory.Exists(folder) ? folder : staging, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The hidden name of a session folder that is being made or ended: reapers leave such a folder alone for a minute
    /// (its owner is still at work), then reap it as abandoned.
    /// </summary>
    internal static string HiddenPath(string folder, string what) =>
        Path.Combine(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.{what}");

    /// <summary>Reaps every session whose build is gone: its processes stopped, its folder deleted. Live sessions are left alone.</summary>
    public async Task ReapDeadAsync(IBuildLog log, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            if ((name.StartsWith('.') && Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow - HiddenGrace) || IsKept(folder))
            {
                continue;
            }

            using var deadOwner = TryTakeOver(folder);
            if (deadOwner is not null)
            {
                // The dead build's watcher may be reaping it too: whoever comes second finds less to do.
                await SessionReaper.ReapAsync(folder, cancellationToken).ConfigureAwait(false);
                log.Message($"WinVmBuild: reaped the session '{name}' of a build that ended without cleaning up: its VM stopped, its folder deleted");
            }
        }
    }

    /// <summary>Whether <paramref name="folder"/> is a session kept after its build, and its time is not up.</summary>
    private static bool IsKept(string folder)
    {
        try
        {
            return long.TryParse(File.ReadAllText(Path.Combine(folder, KeptUntilFile)), out var until)
                && DateTimeOffset.UtcNow.ToUnixTimeSeconds() < until;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The owner's lock of <paramref name="folder"/> when it is free (its build is gone); null while a build holds it.</summary>
    private static FileStream? TryTakeOver(string folder)
    {
        try
        {
            return new FileStream(Path.Combine(folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            // Held by its live build, or reaped by another build meanwhile.
            return null;
        }
    }

    private static string DefaultRoot()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtime) && Directory.Exists(runtime))
        {
            // Short: smbd makes its sockets under a session's folder, and a socket's path has at most 107 bytes.
            return Path.Combine(runtime, "winvmbuild");
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var stateHome = string.IsNullOrEmpty(state)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state")
            : state;
        return Path.Combine(stateHome, "winvmbuild", "sessions");
    }
}
