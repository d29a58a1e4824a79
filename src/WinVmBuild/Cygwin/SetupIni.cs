using System.Text;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>
/// A parsed setup.ini: its header lines and every package stanza, by name. Every line of the file is parsed and
/// checked when it is read, so a malformed line anywhere is an error then; each package's model is built from
/// its stanza when first used (see <see cref="PackageTable"/>).
/// </summary>
public sealed class SetupIni
{
    private readonly PackageTable _packages;

    private SetupIni(byte[] utf8, string fileName)
    {
        Stanzas = new StanzaIndex(utf8);
        var parser = new SetupIniParser(utf8, .., 1, fileName, Stanzas);
        parser.Parse();
        Header = parser.Header;
        _packages = new PackageTable(utf8, fileName, Stanzas);
    }

    /// <summary>The <c>key: value</c> lines before the first stanza (<c>arch</c>, <c>setup-timestamp</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Header { get; }

    public IReadOnlyDictionary<string, CygwinPackage> Packages => _packages;

    internal StanzaIndex Stanzas { get; }

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
    public static SetupIni Parse(TextReader reader, string fileName) => new(Encoding.UTF8.GetBytes(reader.ReadToEnd()), fileName);

    /// <summary>The package of stanza <paramref name="stanza"/> of <see cref="Stanzas"/>.</summary>
    internal CygwinPackage PackageAt(int stanza) => _packages.Get(stanza);

    // Read as bytes in one step and never decoded whole (see SetupIniParser).
    private static SetupIni Read(string path, string? shownName = null) => new(File.ReadAllBytes(path), shownName ?? path);
}
