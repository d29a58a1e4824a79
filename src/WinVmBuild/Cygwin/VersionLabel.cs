namespace WinVmBuild.Cygwin;

/// <summary>Which section of a stanza a version comes from.</summary>
public enum VersionLabel
{
    /// <summary>The first, unlabelled section (or <c>[curr]</c>): what setup installs by default.</summary>
    Curr,

    /// <summary><c>[prev]</c>: an older version kept on the mirror.</summary>
    Prev,

    /// <summary><c>[test]</c> (or <c>[exp]</c>): a version under test, installed only when asked for.</summary>
    Test,
}
