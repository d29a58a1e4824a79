namespace WinVmBuild.Cygwin;

/// <summary>One stanza as <see cref="StanzaIndex"/> keeps it.</summary>
internal record struct StanzaEntry(string Name, int Offset, int Line)
{
    /// <summary>True when a version section has an <c>install:</c> line.</summary>
    public bool IsInstallable { get; set; }

    /// <summary>The bytes of the <c>category:</c> value in the file; empty without one.</summary>
    public Range Category { get; set; }
}
