namespace WinVmBuild.Host;

/// <summary>
/// The UDF file system of an installation ISO through 7-Zip (<c>7zz</c>): Windows media keep their files in UDF, with
/// an ISO 9660 layer that holds only a README, which xorriso cannot see past. The only place the engine reads UDF.
/// </summary>
public static class SevenZip
{
    private const string Program = "7zz";
    private const string Package = "7zip";

    /// <summary>The paths of every file and folder in <paramref name="iso"/>'s UDF tree ("sources/install.wim"); null when it has none.</summary>
    public static async Task<IReadOnlyList<string>?> ListUdfAsync(string iso, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec(Program, ["l", "-ba", "-slt", "-tudf", iso]) { DebianPackage = Package }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return null;
        }

        return result.StandardOutput
            .Split('\n')
            .Where(line => line.StartsWith("Path = ", StringComparison.Ordinal))
            .Select(line => line["Path = ".Length..].Trim())
            .ToList();
    }

    /// <summary>
    /// Streams the file <paramref name="path"/> (as <see cref="ListUdfAsync"/> spells it) of <paramref name="iso"/>'s UDF
    /// tree to <paramref name="read"/>, writing it nowhere; a failure of 7-Zip is WVB0002.
    /// </summary>
    public static Task ReadUdfFileAsync(string iso, string path, Func<Stream, Task> read, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(
            new ProcessSpec(Program, ["x", "-tudf", "-so", "-bsp0", iso, path]) { DebianPackage = Package, ReadStandardOutput = read }, cancellationToken);

    /// <summary>Copies <paramref name="iso"/>'s whole UDF tree into <paramref name="folder"/>.</summary>
    public static Task ExtractUdfAsync(string iso, string folder, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(
            new ProcessSpec(Program, ["x", "-tudf", "-y", "-bso0", "-bsp0", $"-o{folder}", iso]) { DebianPackage = Package }, cancellationToken);
}
