using System.Runtime.InteropServices;

namespace WinVmBuild.Cygwin;

/// <summary>Puts a file at a second path by hard link (instant, no space) or, across file systems, by copy.</summary>
internal static class FileLinker
{
    public static void LinkOrCopy(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (Link(Host.FileStatus.NulTerminated(source), Host.FileStatus.NulTerminated(destination)) != 0)
        {
            File.Copy(source, destination, overwrite: false);
        }
    }

    // DllImport rather than LibraryImport: the latter would need unsafe code enabled for the whole engine.
    [DllImport("libc", EntryPoint = "link")]
    private static extern int Link(byte[] existing, byte[] created);
}
