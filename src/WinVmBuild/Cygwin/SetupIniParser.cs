using System.Text;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>
/// Reads setup.ini line by line with the rules of Cygwin's setup (see docs/anchors): a quoted value runs to the
/// next <c>"</c> across any number of lines, so stanzas are never split on blank lines, and the last stanza
/// ends at the end of the file.
/// </summary>
internal sealed class SetupIniParser
{
    private readonly TextReader _reader;
    private readonly string _fileName;
    private readonly Dictionary<string, string> _header = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CygwinPackage> _packages = new(StringComparer.Ordinal);
    private StanzaBuilder? _stanza;
    private int _lineNumber;

    public SetupIniParser(TextReader reader, string fileName)
    {
        _reader = reader;
        _fileName = fileName;
    }

    public SetupIni Parse()
    {
        while (_reader.ReadLine() is { } rawLine)
        {
            _lineNumber++;
            var line = rawLine.AsSpan().Trim();
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
                    ReadKeyLine(line);
                    break;
            }
        }

        FinishStanza();
        return new SetupIni(_header, _packages);
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

    private void ReadKeyLine(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        var key = colon > 0 ? line[..colon] : default;
        if (key.IsEmpty || key.ContainsAnyExcept(KeyCharacters))
        {
            throw Malformed($"Expected 'key: value', '@ package' or '[prev]'/'[test]', not '{Shorten(line)}'.");
        }

        var startLine = _lineNumber;
        var value = line[(colon + 1)..].Trim();
        // A quoted value may follow a word, as in message: <id> "<text>"; the value is the quoted text.
        var quote = value.IndexOf('"');
        if (quote >= 0)
        {
            value = ReadQuoted(value[(quote + 1)..], startLine);
        }

        if (_stanza is null)
        {
            _header[key.ToString()] = value.ToString();
            return;
        }

        _stanza.Set(key, value, new LineContext(this, startLine));
    }

    /// <summary>The text up to the next <c>"</c>, reading further lines when it is not on this one.</summary>
    private ReadOnlySpan<char> ReadQuoted(ReadOnlySpan<char> rest, int startLine)
    {
        var end = rest.IndexOf('"');
        if (end >= 0)
        {
            return rest[..end];
        }

        var text = new StringBuilder().Append(rest);
        while (_reader.ReadLine() is { } next)
        {
            _lineNumber++;
            text.Append('\n');
            end = next.IndexOf('"');
            if (end >= 0)
            {
                return text.Append(next.AsSpan(0, end)).ToString();
            }

            text.Append(next);
        }

        throw new WinVmException(ErrorCodes.SetupIniMalformed, $"{_fileName}({startLine}): the quoted value starting here never ends (the file may be truncated).")
        {
            File = _fileName,
            Line = startLine,
        };
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
