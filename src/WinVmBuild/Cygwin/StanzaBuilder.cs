namespace WinVmBuild.Cygwin;

/// <summary>Collects the lines of one <c>@ name</c> stanza into a <see cref="CygwinPackage"/>.</summary>
internal sealed class StanzaBuilder
{
    private readonly string _name;
    private readonly List<PackageVersion> _versions = [];
    private string _summary = string.Empty;
    private string _description = string.Empty;
    private string? _message;
    private IReadOnlyList<string> _categories = [];
    private SectionBuilder _section;

    public StanzaBuilder(string name, SetupIniParser.LineContext at)
    {
        _name = name;
        At = at;
        _section = new SectionBuilder(VersionLabel.Curr, at);
    }

    /// <summary>The <c>@</c> line.</summary>
    public SetupIniParser.LineContext At { get; }

    public void StartSection(VersionLabel label, SetupIniParser.LineContext at)
    {
        FinishSection();
        _section = new SectionBuilder(label, at);
    }

    public void Set(ReadOnlySpan<char> key, ReadOnlySpan<char> value, SetupIniParser.LineContext at)
    {
        switch (key)
        {
            case "sdesc":
                _summary = value.ToString();
                break;
            case "ldesc":
                _description = value.ToString();
                break;
            case "category":
                _categories = SetupIniValues.ParseNames(value);
                break;
            case "message":
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
            Line = At.Line,
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
