using WinVmBuild.Host;

namespace WinVmBuild.Cygwin;

/// <summary>
/// The forms a setup.ini comes in (<c>setup.xz</c>, <c>.zst</c>, <c>.bz2</c>, <c>.ini</c>) and their decompression
/// through the host's own tools, which are faster than managed decoders and already installed.
/// </summary>
public static class SetupIniFile
{
    /// <summary>The names a mirror may publish under <c>x86_64/</c>, in the order setup prefers them.</summary>
    public static IReadOnlyList<string> MirrorNames { get; } = ["setup.xz", "setup.zst", "setup.bz2", "setup.ini"];

    public static bool IsCompressed(string path) => Decompressor(path) is not null;

    /// <summary>Writes the plain text of <paramref name="source"/> to <paramref name="destination"/>, atomically.</summary>
    public static Task DecompressAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var tool = Decompressor(source);
        return AtomicPublish.FileAsync(destination, async temporary =>
        {
            if (tool is null)
            {
                File.Copy(source, temporary, overwrite: true);
                return;
            }

            await ProcessRunner.RunCheckedAsync(
                new ProcessSpec(tool.Value.Program, ["-d", "-c", source]) { DebianPackage = tool.Value.Package, StandardOutputPath = temporary },
                cancellationToken).ConfigureAwait(false);
        });
    }

    private static (string Program, string Package)? Decompressor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xz" => ("xz", "xz-utils"),
        ".bz2" => ("bzip2", "bzip2"),
        ".zst" => ("zstd", "zstd"),
        _ => null,
    };
}
