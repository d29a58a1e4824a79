namespace WinVmBuild.Cygwin;

/// <summary>Collects the lines of one <c>@ name</c> stanza into a <see cref="CygwinPackage"/>.</summary>
internal sealed class StanzaBuilder : ISetupIniHandler
{
    private readonly List<PackageVersion> _versions = [];
    private string _name = string.Empty;
    private int _line;
    private string _summary = string.Empty;
    private string _description = string.Empty;
    private string? _message;
    private IReadOnlyList<string> _categories = [];
    private SectionBuilder _section = new(VersionLabel.Curr);

    public void StartStanza(ReadOnlySpan<byte> name, int offset, SetupIniParser.LineContext at)
    {
        _name = System.Text.Encoding.UTF8.GetString(name);
        _line = at.Line;
    }

    public void StartSection(VersionLabel label, SetupIniParser.LineContext at)
    {
        FinishSection();
        _section = new SectionBuilder(label);
    }

    public void Value(SetupIniKey key, SetupIniValue value, SetupIniParser.LineContext at)
    {
        switch (key)
        {
            case SetupIniKey.Sdesc:
                _summary = value.ToString();
                break;
            case SetupIniKey.Ldesc:
                _description = value.ToString();
                break;
            case SetupIniKey.Category:
                _categories = SetupIniValues.ParseNames(value.ToString());
                break;
            case SetupIniKey.Message:
                // message: <id> "<text>": the id only names the message (setup shows it once); the text is what counts.
                _message = value.ToString();
                break;
            default:
                _section.Set(key, value, at);
                break;
        }
    }

    public CygwinPackage Build()
    {
        FinishSection();
        return new CygwinPackage
        {
            Name = _name,
            Summary = _summary,
            Description = _description,
            Categories = _categories,
            Message = _message,
            Line = _line,
            Versions = _versions,
        };
    }

    private void FinishSection()
    {
        // A [prev] or [test] section without dependencies of its own has those of the section before it.
        var inherited = _versions.Count == 0 ? [] : _versions[^1].Depends;
        if (_section.Build(inherited) is { } version)
        {
            _versions.Add(version);
        }
    }
}
