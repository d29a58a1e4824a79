namespace WinVmBuild.Cygwin;

/// <summary>
/// What <see cref="SetupIniParser"/> reports of a stanza, each line already checked: the index of the whole file
/// (<see cref="StanzaIndex"/>) and the builder of one package (<see cref="StanzaBuilder"/>) take the same lines.
/// </summary>
internal interface ISetupIniHandler
{
    /// <summary>An <c>@ name</c> line starting at byte <paramref name="offset"/> of the file.</summary>
    void StartStanza(ReadOnlySpan<byte> name, int offset, SetupIniParser.LineContext at);

    void StartSection(VersionLabel label, SetupIniParser.LineContext at);

    void Value(SetupIniKey key, SetupIniValue value, SetupIniParser.LineContext at);
}
