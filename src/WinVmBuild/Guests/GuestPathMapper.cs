using WinVmBuild.Network;

namespace WinVmBuild.Guests;

/// <summary>
/// The host file a path in the guest command's output names. The command runs in the guest's copy of the project,
/// <see cref="GuestScripts.WorkFolder"/>, and sees each share at <c>/mnt/NAME</c>: a path inside either is the same
/// path inside the project folder or the share's host folder. In a Windows guest, Cygwin's programs print those paths
/// as they are, Windows programs as Windows names them: under the Cygwin root
/// (<c>C:\cygwin64\tmp\winvmbuild\project\…</c>, also with '/' or as <c>/cygdrive/c/cygwin64/…</c>, without case),
/// and a share as <c>\\192.168.0.2\NAME\…</c>. A relative path is relative to the command's folder, the project; it
/// is taken only when the host has that file, since a command that changed folders prints paths relative to another.
/// Any other path (the guest's own headers, a folder outside the project) keeps the guest's name: it is never turned
/// into a host file it is not.
/// </summary>
/// <param name="projectFolder">The host folder the guest received a copy of (absolute).</param>
/// <param name="windowsRoot">Where Windows programs see the guest's '/' (<see cref="IGuestProfile.WindowsRoot"/>); null for a guest without Windows paths.</param>
public sealed class GuestPathMapper(string projectFolder, IReadOnlyList<SharedFolder> shares, string? windowsRoot)
{
    private const string Cygdrive = "/cygdrive/";
    private const string SharesFolder = "/mnt/";

    /// <summary>The host file <paramref name="guestPath"/> is, or <paramref name="guestPath"/> itself when it is none.</summary>
    public string ToHost(string guestPath)
    {
        if (guestPath.Length == 0 || Posix(guestPath) is not { } guest || Normalize(guest.Path) is not { } normalized)
        {
            return guestPath;
        }

        var host = Host(normalized, guest.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        return host is null || (guest.Relative && !File.Exists(host)) ? guestPath : host;
    }

    /// <summary>The guest path as Cygwin (or the test guest) names it, '/' first; null for a Windows path outside the Cygwin root.</summary>
    private GuestPath? Posix(string path)
    {
        if (windowsRoot is null)
        {
            return path.StartsWith('/') ? new(path, IgnoreCase: false, Relative: false) : Relative(path);
        }

        var slashed = path.Replace('\\', '/');
        if (slashed.StartsWith("//", StringComparison.Ordinal))
        {
            return Share(slashed);
        }

        if (slashed.StartsWith(Cygdrive, StringComparison.Ordinal) && slashed.Length > Cygdrive.Length + 1
            && char.IsAsciiLetter(slashed[Cygdrive.Length]) && slashed[Cygdrive.Length + 1] == '/')
        {
            slashed = $"{slashed[Cygdrive.Length]}:{slashed[(Cygdrive.Length + 1)..]}";
        }

        if (slashed.Length > 2 && char.IsAsciiLetter(slashed[0]) && slashed[1] == ':' && slashed[2] == '/')
        {
            var root = windowsRoot.Replace('\\', '/').TrimEnd('/') + "/";
            return slashed.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? new("/" + slashed[root.Length..], IgnoreCase: true, Relative: false) : null;
        }

        return slashed.StartsWith('/') ? new(slashed, IgnoreCase: false, Relative: false) : Relative(slashed);
    }

    private static GuestPath Relative(string path) => new($"{GuestScripts.WorkFolder}/{path}", IgnoreCase: false, Relative: true);

    /// <summary><c>//192.168.0.2/NAME/…</c> is the share NAME's mount point; a server other than the host's is nothing of the project's.</summary>
    private static GuestPath? Share(string slashed)
    {
        var parts = slashed[2..].Split('/', 2);
        return parts.Length == 2 && parts[0] == GuestNetwork.ShareServerAddress ? new(SharesFolder + parts[1], IgnoreCase: true, Relative: false) : null;
    }

    /// <summary>'.' and '..' resolved, as the guest resolves them; null when '..' climbs above '/'.</summary>
    private static string? Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/').Where(segment => segment is not ("" or ".")))
        {
            if (segment != "..")
            {
                segments.Add(segment);
            }
            else if (segments.Count == 0)
            {
                return null;
            }
            else
            {
                segments.RemoveAt(segments.Count - 1);
            }
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>The host file of the guest path <paramref name="path"/>, inside the project or a share; null when it is in neither.</summary>
    private string? Host(string path, StringComparison comparison)
    {
        if (Inside(path, GuestScripts.WorkFolder, comparison) is { } inProject)
        {
            return Join(projectFolder, inProject);
        }

        foreach (var share in shares)
        {
            if (Inside(path, SharesFolder + share.Name, comparison) is { } inShare)
            {
                return Join(share.HostPath, inShare);
            }
        }

        return null;
    }

    /// <summary>What follows <paramref name="folder"/> in <paramref name="path"/> (empty for the folder itself), or null when it is not inside.</summary>
    private static string? Inside(string path, string folder, StringComparison comparison) =>
        path.Equals(folder, comparison) ? string.Empty
        : path.StartsWith(folder + "/", comparison) ? path[(folder.Length + 1)..]
        : null;

    private static string Join(string hostFolder, string rest) => rest.Length == 0 ? hostFolder : Path.Combine(hostFolder, rest);

    private readonly record struct GuestPath(string Path, bool IgnoreCase, bool Relative);
}
