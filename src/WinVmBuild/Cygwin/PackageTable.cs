using System.Collections;

namespace WinVmBuild.Cygwin;

/// <summary>
/// The packages of a setup.ini by name, each built from its stanza's lines on first use. The whole file was
/// parsed and checked before (<see cref="StanzaIndex"/>); reading the lines of the ~100 packages a closure uses
/// again costs far less than building all 11,882 stanzas of the official file. Safe for concurrent readers: two
/// threads may build the same package at once, and the first one stored is kept.
/// </summary>
internal sealed class PackageTable(byte[] text, string fileName, StanzaIndex index) : IReadOnlyDictionary<string, CygwinPackage>
{
    private readonly CygwinPackage?[] _built = new CygwinPackage?[index.Count];

    public int Count => index.Count;

    public IEnumerable<string> Keys => Enumerable.Range(0, Count).Select(stanza => index[stanza].Name);

    public IEnumerable<CygwinPackage> Values => Enumerable.Range(0, Count).Select(Get);

    public CygwinPackage this[string key] =>
        TryGetValue(key, out var package) ? package : throw new KeyNotFoundException($"No package '{key}' in {fileName}.");

    public bool ContainsKey(string key) => index.TryFind(key, out _);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out CygwinPackage value)
    {
        value = index.TryFind(key, out var stanza) ? Get(stanza) : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, CygwinPackage>> GetEnumerator() =>
        Enumerable.Range(0, Count).Select(stanza => KeyValuePair.Create(index[stanza].Name, Get(stanza))).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public CygwinPackage Get(int stanza)
    {
        var built = Volatile.Read(ref _built[stanza]);
        if (built is null)
        {
            var fresh = Build(stanza);
            built = Interlocked.CompareExchange(ref _built[stanza], fresh, null) ?? fresh;
        }

        return built;
    }

    private CygwinPackage Build(int stanza)
    {
        var end = stanza + 1 < Count ? index[stanza + 1].Offset : text.Length;
        var builder = new StanzaBuilder();
        new SetupIniParser(text, index[stanza].Offset..end, index[stanza].Line, fileName, builder).Parse();
        return builder.Build();
    }
}
