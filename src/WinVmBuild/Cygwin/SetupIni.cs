using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>A parsed setup.ini: its header lines and every package stanza, by name.</summary>
public sealed class SetupIni
{
    public SetupIni(IReadOnlyDictionary<string, string> header, IReadOnlyDictionary<string, CygwinPackage> packages)
    {
        Header = header;
        Packages = packages;
    }

    /// <summary>The <c>key: value</c> lines before the first stanza (<c>arch</c>, <c>setup-timestamp</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Header { get; }

    public IReadOnlyDictionary<string, CygwinPackage> Packages { get; }

    /// <summary>Reads <paramref name="path"/>: a plain setup.ini, or setup.xz / .bz2 / .zst.</summary>
    public static async Task<SetupIni> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new WinVmException(ErrorCodes.InputFileMissing, $"The Cygwin setup.ini '{path}' does not exist.") { File = path };
        }

        if (!SetupIniFile.IsCompressed(path))
        {
            return Read(path);
        }

        var plain = Path.Combine(Path.GetTempPath(), $"winvmbuild-setup-{Guid.NewGuid():N}.ini");
        try
        {
            await SetupIniFile.DecompressAsync(path, plain, cancellationToken).ConfigureAwait(false);
            return Read(plain, shownName: path);
        }
        finally
        {
            File.Delete(plain);
        }
    }

    /// <summary>Parses setup.ini text; <paramref name="fileName"/> is named in errors.</summary>
    public static SetupIni Parse(TextReader reader, string fileName) => new SetupIniParser(reader.ReadToEnd(), fileName).Parse();

    // Decoded in one step: a StreamReader would grow a builder through many copies of an 18.7 MB file.
    private static SetupIni Read(string path, string? shownName = null) =>
        new SetupIniParser(System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path)), shownName ?? path).Parse();
}
