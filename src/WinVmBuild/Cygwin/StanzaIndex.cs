using System.Runtime.InteropServices;
using System.Text;

namespace WinVmBuild.Cygwin;

/// <summary>
/// What the pass over the whole file keeps of each stanza: where it starts, whether it can be installed, its
/// category line and the names it provides or obsoletes. That is enough to find a closure's roots and providers,
/// so that only the packages a closure uses are ever built (<see cref="PackageTable"/>).
/// </summary>
internal sealed class StanzaIndex(byte[] text) : ISetupIniHandler
{
    private readonly List<StanzaEntry> _stanzas = [];
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _obsoleters = new(StringComparer.Ordinal);

    public int Count => _stanzas.Count;

    public StanzaEntry this[int stanza] => _stanzas[stanza];

    public bool TryFind(string name, out int stanza) => _byName.TryGetValue(name, out stanza);

    /// <summary>The stanzas listing <paramref name="name"/> in a <c>provides:</c> line, in file order.</summary>
    public IReadOnlyList<int> Providing(string name) => _providers.GetValueOrDefault(name) ?? [];

    /// <summary>The stanzas listing <paramref name="name"/> in an <c>obsoletes:</c> line, in file order.</summary>
    public IReadOnlyList<int> Obsoleting(string name) => _obsoleters.GetValueOrDefault(name) ?? [];

    /// <summary>
    /// The installable packages whose <c>category:</c> line has <paramref name="category"/>, compared
    /// case-insensitively, in file order; read from the category slices, so that no package is built to find them.
    /// </summary>
    public IEnumerable<string> InstallableInCategory(string category) => _stanzas
        .Where(stanza => stanza.IsInstallable && HasWord(text.AsSpan(stanza.Category), category))
        .Select(stanza => stanza.Name);

    public void StartStanza(ReadOnlySpan<byte> name, int offset, SetupIniParser.LineContext at)
    {
        var packageName = Encoding.UTF8.GetString(name);
        if (!_byName.TryAdd(packageName, _stanzas.Count))
        {
            throw at.Error($"Package '{packageName}' is listed twice (first at line {_stanzas[_byName[packageName]].Line}).");
        }

        _stanzas.Add(new StanzaEntry(packageName, offset, at.Line));
    }

    public void StartSection(VersionLabel label, SetupIniParser.LineContext at)
    {
        // What the index keeps holds for the stanza as a whole, whichever section a line is in.
    }

    public void Value(SetupIniKey key, SetupIniValue value, SetupIniParser.LineContext at)
    {
        ref var stanza = ref CollectionsMarshal.AsSpan(_stanzas)[^1];
        switch (key)
        {
            case SetupIniKey.Install:
                stanza.IsInstallable = true;
                break;
            case SetupIniKey.Category:
                stanza.Category = new Range(value.Offset, value.Offset + value.Utf8.Length);
                break;
            case SetupIniKey.Provides:
                Add(_providers, value, at);
                break;
            case SetupIniKey.Obsoletes:
                Add(_obsoleters, value, at);
                break;
        }
    }

    private void Add(Dictionary<string, List<int>> index, SetupIniValue value, SetupIniParser.LineContext at)
    {
        var stanza = _stanzas.Count - 1;
        foreach (var name in SetupIniValues.ParseDependencyNames(value.ToString(), at))
        {
            if (!index.TryGetValue(name, out var stanzas))
            {
                index[name] = stanzas = [];
            }

            // Several versions of a stanza may list the same name.
            if (stanzas.Count == 0 || stanzas[^1] != stanza)
            {
                stanzas.Add(stanza);
            }
        }
    }

    /// <summary>True when <paramref name="word"/> is one of the words of <paramref name="line"/>, ignoring ASCII case.</summary>
    private static bool HasWord(ReadOnlySpan<byte> line, string word)
    {
        while (!line.IsEmpty)
        {
            var end = line.IndexOfAny((byte)' ', (byte)'\t');
            if (Ascii.EqualsIgnoreCase(end < 0 ? line : line[..end], word))
            {
                return true;
            }

            line = end < 0 ? default : line[(end + 1)..];
        }

        return false;
    }
}
