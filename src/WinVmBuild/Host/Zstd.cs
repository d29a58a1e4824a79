namespace WinVmBuild.Host;

/// <summary>
/// zstd through its command-line program: the only place the engine compresses or decompresses a file. Each part of
/// a file is compressed as its own frame, and frames decompress to the concatenation of their contents, so a file
/// split into parts comes back whole from one <c>zstd -d</c>, with its holes (zstd writes runs of zeros as holes).
/// </summary>
public static class Zstd
{
    private const string Program = "zstd";

    /// <summary>Compresses <paramref name="part"/> of a file into <paramref name="output"/>, with every core.</summary>
    public static Task CompressAsync(FileRange part, string output, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(
            new ProcessSpec(Program, ["-q", "-T0", "-3", "-c"]) { StandardInputFile = part, StandardOutputPath = output, DebianPackage = "zstd" },
            cancellationToken);

    /// <summary>Decompresses <paramref name="parts"/>, in order, into one sparse file <paramref name="output"/>.</summary>
    public static Task DecompressAsync(IReadOnlyList<string> parts, string output, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(
            // -f: several inputs into one output, which zstd refuses otherwise ("loses file metadata": there is none here).
            new ProcessSpec(Program, ["-d", "-q", "-f", "--sparse", "-o", output, "--", .. parts]) { DebianPackage = "zstd" },
            cancellationToken);
}
