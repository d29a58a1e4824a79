using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>
/// Reads setup.ini line by line with the rules of Cygwin's setup (see docs/anchors): a quoted value runs to the
/// next <c>"</c> across any number of lines, so stanzas are never split on blank lines, and the last stanza
/// ends at the end of the file.
/// </summary>
internal sealed class SetupIniParser
{
    private readonly string _fileName;
    private readonly Dictionary<string, string> _header = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CygwinPackage> _packages = new(StringComparer.Ordinal);
    private StanzaBuilder? _stanza;

    // The whole file as one string, read through as spans: only the values kept are allocated, which matters
    // for the 18.7 MB official file.
    private readonly string _text;
    private int _position;
    private int _lineNumber;

    public SetupIniParser(string text, string fileName)
    {
        _text = text;
        _fileName = fileName;
    }

    public SetupIni Parse()
    {
        while (_position < _text.Length)
        {
            _lineNumber++;
            var lineStart = _position;
            var line = NextLine().Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            switch (line[0])
            {
                case '@':
                    StartStanza(line[1..].Trim());
                    break;
                case '[':
                    StartSection(line);
                    break;
                default:
                    ReadKeyLine(line, lineStart);
                    break;
            }
        }

        FinishStanza();
        return new SetupIni(_header, _packages);
    }

    /// <summary>The line at the current position (without its newline); the position moves past it.</summary>
    private ReadOnlySpan<char> NextLine()
    {
        var end = _text.IndexOf('\n', _position);
        if (end < 0)
        {
            end = _text.Length;
        }

        var line = _text.AsSpan(_position, end - _position);
        _position = end + 1;
        return line;
    }

    private void StartStanza(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.ContainsAny(' ', '\t'))
        {
            throw Malformed($"'@' must be followed by one package name, not '{name}'.");
        }

        FinishStanza();
        _stanza = new StanzaBuilder(name.ToString(), new LineContext(this, _lineNumber));
    }

    private void StartSection(ReadOnlySpan<char> line)
    {
        if (_stanza is null)
        {
            throw Malformed($"'{line}' comes before the first '@ package' line.");
        }

        VersionLabel? label = line switch
        {
            "[curr]" => VersionLabel.Curr,
            "[prev]" => VersionLabel.Prev,
            "[test]" or "[exp]" => VersionLabel.Test,
            _ => null,
        };
        _stanza.StartSection(
            label ?? throw Malformed($"Unknown section '{line}'; expected [prev], [test], [curr] or [exp]."),
            new LineContext(this, _lineNumber));
    }

    private void ReadKeyLine(ReadOnlySpan<char> line, int lineStart)
    {
        var colon = line.IndexOf(':');
        var key = colon > 0 ? line[..colon] : default;
        if (key.IsEmpty || key.ContainsAnyExcept(KeyCharacters))
        {
            throw Malformed($"Expected 'key: value', '@ package' or '[prev]'/'[test]', not '{Shorten(line)}'.");
        }

        var at = new LineContext(this, _lineNumber);
        var value = line[(colon + 1)..].Trim();

        // A quoted value may follow a word, as in message: <id> "<text>"; the value is the quoted text.
        if (value.Contains('"'))
        {
            value = ReadQuoted(_text.IndexOf('"', lineStart) + 1, at);
        }

        if (_stanza is null)
        {
            _header[key.ToString()] = value.ToString();
            return;
        }

        _stanza.Set(key, value, at);
    }

    /// <summary>
    /// The text from <paramref name="start"/> up to the next <c>"</c>, across lines if need be (there is no escape);
    /// the rest of the line with the closing quote is skipped.
    /// </summary>
    private ReadOnlySpan<char> ReadQuoted(int start, LineContext at)
    {
        var end = _text.IndexOf('"', start);
        if (end < 0)
        {
            throw at.Error("The quoted value starting here never ends (the file may be truncated).");
        }

        var value = _text.AsSpan(start, end - start);
        if (end >= _position)
        {
            _lineNumber += value.Count('\n');
            _position = end;
            NextLine();
        }

        return value;
    }

    private void FinishStanza()
    {
        if (_stanza is null)
        {
            return;
        }

        var package = _stanza.Build();
        if (!_packages.TryAdd(package.Name, package))
        {
            throw _stanza.At.Error($"Package '{package.Name}' is listed twice (first at line {_packages[package.Name].Line}).");
        }

        _stanza = null;
    }

    private WinVmException Malformed(string text) => new LineContext(this, _lineNumber).Error(text);

    private static string Shorten(ReadOnlySpan<char> line) => line.Length <= 60 ? line.ToString() : line[..60].ToString() + "...";

    private static readonly System.Buffers.SearchValues<char> KeyCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    /// <summary>Where a value came from, so that a bad value is reported at its own line.</summary>
    internal readonly struct LineContext(SetupIniParser parser, int line)
    {
        public int Line => line;

        public WinVmException Error(string text) =>
            new(ErrorCodes.SetupIniMalformed, $"{parser._fileName}({line}): {text}") { File = parser._fileName, Line = line };
    }
}
