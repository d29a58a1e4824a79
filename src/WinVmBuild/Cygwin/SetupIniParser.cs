using System.Buffers;
using System.Text;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Cygwin;

/// <summary>
/// Reads setup.ini line by line with the rules of Cygwin's setup (see docs/anchors): a quoted value runs to the
/// next <c>"</c> across any number of lines, so stanzas are never split on blank lines, and the last stanza
/// ends at the end of the file. Every line is checked here, values included, whatever the handler keeps of it.
/// </summary>
/// <remarks>
/// Works on the UTF-8 bytes: every character that gives the file its structure is ASCII, so lines, keys and quotes
/// are found without decoding 18.7 MB to a 37 MB string, and only the values that are checked or kept are decoded.
/// </remarks>
internal sealed class SetupIniParser
{
    private readonly byte[] _text;
    private readonly int _end;
    private readonly string _fileName;
    private readonly ISetupIniHandler _handler;
    private int _position;
    private int _lineNumber;
    private bool _inStanza;
    private SectionCheck _section;

    // Values checked as text are decoded here, so that checking allocates nothing.
    private char[] _scratch = new char[1024];

    /// <summary>A parser of the bytes of <paramref name="text"/> in <paramref name="range"/>, whose first line is <paramref name="firstLine"/>.</summary>
    public SetupIniParser(byte[] text, Range range, int firstLine, string fileName, ISetupIniHandler handler)
    {
        (_position, var length) = range.GetOffsetAndLength(text.Length);
        _end = _position + length;
        _lineNumber = firstLine - 1;
        _text = text;
        _fileName = fileName;
        _handler = handler;
    }

    /// <summary>The <c>key: value</c> lines before the first stanza.</summary>
    public Dictionary<string, string> Header { get; } = new(StringComparer.Ordinal);

    public void Parse()
    {
        while (_position < _end)
        {
            _lineNumber++;
            var lineStart = _position;
            var (start, end) = Trim(lineStart, NextLineEnd());
            if (start == end || _text[start] == '#')
            {
                continue;
            }

            switch (_text[start])
            {
                case (byte)'@':
                    StartStanza(lineStart, start + 1, end);
                    break;
                case (byte)'[':
                    StartSection(_text.AsSpan(start..end));
                    break;
                default:
                    ReadKeyLine(start, end);
                    break;
            }
        }

        FinishSection();
    }

    /// <summary>The end of the line at the current position (its newline); the position moves past it.</summary>
    private int NextLineEnd()
    {
        var newline = _text.AsSpan(_position, _end - _position).IndexOf((byte)'\n');
        var lineEnd = newline < 0 ? _end : _position + newline;
        _position = lineEnd + 1;
        return lineEnd;
    }

    private void StartStanza(int lineStart, int nameStart, int lineEnd)
    {
        var (start, end) = Trim(nameStart, lineEnd);
        var name = _text.AsSpan(start..end);
        if (name.IsEmpty || name.ContainsAny((byte)' ', (byte)'\t'))
        {
            throw Malformed($"'@' must be followed by one package name, not '{Decode(name)}'.");
        }

        FinishSection();
        _inStanza = true;
        _section = new SectionCheck(At);
        _handler.StartStanza(name, lineStart, At);
    }

    private void StartSection(ReadOnlySpan<byte> line)
    {
        if (!_inStanza)
        {
            throw Malformed($"'{Decode(line)}' comes before the first '@ package' line.");
        }

        VersionLabel? label =
            line.SequenceEqual("[prev]"u8) ? VersionLabel.Prev
            : line.SequenceEqual("[test]"u8) || line.SequenceEqual("[exp]"u8) ? VersionLabel.Test
            : line.SequenceEqual("[curr]"u8) ? VersionLabel.Curr
            : null;
        if (label is null)
        {
            throw Malformed($"Unknown section '{Decode(line)}'; expected [prev], [test], [curr] or [exp].");
        }

        FinishSection();
        _section = new SectionCheck(At);
        _handler.StartSection(label.Value, At);
    }

    private void ReadKeyLine(int start, int end)
    {
        var line = _text.AsSpan(start..end);
        var colon = line.IndexOf((byte)':');
        var key = colon > 0 ? line[..colon] : default;
        if (key.IsEmpty || key.ContainsAnyExcept(KeyCharacters))
        {
            throw Malformed($"Expected 'key: value', '@ package' or '[prev]'/'[test]', not '{Shorten(line)}'.");
        }

        var at = At;
        var (valueStart, valueEnd) = Trim(start + colon + 1, end);

        // A quoted value may follow a word, as in message: <id> "<text>"; the value is the quoted text.
        var quote = _text.AsSpan(valueStart..valueEnd).IndexOf((byte)'"');
        if (quote >= 0)
        {
            (valueStart, valueEnd) = ReadQuoted(valueStart + quote + 1, at);
        }

        var value = new SetupIniValue(_text.AsSpan(valueStart..valueEnd), valueStart);
        if (!_inStanza)
        {
            Header[Decode(key)] = value.ToString();
            return;
        }

        var kind = SetupIniKeys.Classify(key);
        Check(kind, value.Utf8, at);
        _handler.Value(kind, value, at);
    }

    /// <summary>Checks the values whose form is known, so that a bad one is found whichever stanzas are used.</summary>
    private void Check(SetupIniKey key, ReadOnlySpan<byte> value, LineContext at)
    {
        switch (key)
        {
            case SetupIniKey.Version:
                _section.HasVersion = true;
                break;
            case SetupIniKey.Install:
                _section.HasInstall = true;
                SetupIniValues.CheckArchive(Chars(value), at);
                break;
            case SetupIniKey.Depends2:
            case SetupIniKey.Provides:
            case SetupIniKey.Obsoletes:
            case SetupIniKey.Conflicts:
                SetupIniValues.CheckDependencies(Chars(value), at);
                break;
        }
    }

    private void FinishSection()
    {
        if (_inStanza && _section.HasInstall && !_section.HasVersion)
        {
            throw _section.At.Error("This version section has an install: line but no version: line.");
        }
    }

    /// <summary>
    /// The text from <paramref name="start"/> up to the next <c>"</c>, across lines if need be (there is no escape);
    /// the rest of the line with the closing quote is skipped.
    /// </summary>
    private (int Start, int End) ReadQuoted(int start, LineContext at)
    {
        var length = _text.AsSpan(start, _end - start).IndexOf((byte)'"');
        if (length < 0)
        {
            throw at.Error("The quoted value starting here never ends (the file may be truncated).");
        }

        var end = start + length;
        if (end >= _position)
        {
            _lineNumber += _text.AsSpan(start, length).Count((byte)'\n');
            _position = end;
            NextLineEnd();
        }

        return (start, end);
    }

    private (int Start, int End) Trim(int start, int end)
    {
        while (start < end && IsSpace(_text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(_text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    /// <summary><paramref name="utf8"/> decoded into a buffer reused line after line.</summary>
    private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
    {
        // UTF-8 never decodes to more UTF-16 characters than it has bytes.
        if (_scratch.Length < utf8.Length)
        {
            _scratch = new char[utf8.Length];
        }

        return _scratch.AsSpan(0, Encoding.UTF8.GetChars(utf8, _scratch));
    }

    private LineContext At => new(_fileName, _lineNumber);

    private WinVmException Malformed(string text) => At.Error(text);

    private static string Decode(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    private static string Shorten(ReadOnlySpan<byte> line)
    {
        var text = Decode(line);
        return text.Length <= 60 ? text : text[..60] + "...";
    }

    private static readonly SearchValues<byte> KeyCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"u8);

    /// <summary>What a version section has had so far: an install: line needs a version: line.</summary>
    private struct SectionCheck(LineContext at)
    {
        public readonly LineContext At = at;
        public bool HasVersion;
        public bool HasInstall;
    }

    /// <summary>Where a value came from, so that a bad value is reported at its own line.</summary>
    internal readonly struct LineContext(string fileName, int line)
    {
        public int Line => line;

        public WinVmException Error(string text) =>
            new(ErrorCodes.SetupIniMalformed, $"{fileName}({line}): {text}") { File = fileName, Line = line };
    }
}
