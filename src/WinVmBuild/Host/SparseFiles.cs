namespace WinVmBuild.Host;

/// <summary>
/// Sparse files: a guest's RAM file is mostly never-touched pages, which a file system that supports holes does not
/// store. The only place the engine makes or checks holes.
/// </summary>
public static class SparseFiles
{
    /// <summary>
    /// Whether files in <paramref name="folder"/> can have holes: a probe file of 1 MiB with no data written must
    /// occupy less than that. A file system without holes (FAT, some network file systems) would store every byte.
    /// </summary>
    public static bool Supported(string folder)
    {
        Directory.CreateDirectory(folder);
        var probe = Path.Combine(folder, $".sparse-probe-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
                stream.SetLength(1 << 20);
            }

            return FileStatus.Of(probe).IsSparse;
        }
        finally
        {
            File.Delete(probe);
        }
    }

    /// <summary>
    /// Turns every block of zeros in <paramref name="path"/> into a hole without changing a byte (util-linux
    /// <c>fallocate --dig-holes</c>): Windows zeroes free pages, which would otherwise all be stored.
    /// </summary>
    public static Task DigHolesAsync(string path, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(new ProcessSpec("fallocate", ["--dig-holes", path]) { DebianPackage = "util-linux" }, cancellationToken);
}
