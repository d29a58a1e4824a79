namespace WinVmBuild.Media;

/// <summary>One file at the root of the answer-file medium: its name there and its text.</summary>
public sealed record MediaFile(string Name, string Text)
{
    /// <summary>Keeps the text (which holds passwords) out of anything that formats this record.</summary>
    public override string ToString() => $"{nameof(MediaFile)} {{ {Name}, {Text.Length} characters }}";
}
