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

    /// <summary>True when the stanza's <c>category:</c> line has <paramref name="category"/>, compared case-insensitively.</summary>
    public bool IsInCategory(int stanza, string category)
    {
        var rest = text.AsSpan(_stanzas[stanza].Category);
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny((byte)' ', (byte)'\t');
            if (System.Text.Ascii.EqualsIgnoreCase(end < 0 ? rest : rest[..end], category))
            {
                return true;
            }

            rest = end < 0 ? default : rest[(end + 1)..];
        }

        return false;
    }

    public void StartStanza(ReadOnlySpan<byte> name, int offset, SetupIniParser.LineContext at)
    {
        var text = Encoding.UTF8.GetString(name);
        if (!_byName.TryAdd(text, _stanzas.Count))
        {
            throw at.Error($"Package '{text}' is listed twice (first at line {_stanzas[_byName[text]].Line}).");
        }

        _stanzas.Add(new StanzaEntry(text, offset, at.Line));
    }

    public void StartSection(VersionLabel label, SetupIniParser.LineContext at)
    {
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
}
