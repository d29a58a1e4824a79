namespace WinVmBuild.Cygwin;

/// <summary>An <c>install:</c> line: the archive's path below the mirror root, size and digest.</summary>
public sealed record InstallArchive(string Path, long Size, ArchiveHash Hash)
{
    /// <summary>The archive's file name, e.g. <c>make-4.4.1-2.tar.xz</c>.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}
