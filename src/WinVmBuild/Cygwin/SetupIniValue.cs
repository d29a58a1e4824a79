using System.Text;

namespace WinVmBuild.Cygwin;

/// <summary>A value as it stands in the file (UTF-8, quotes removed), decoded only by a handler that keeps it.</summary>
internal readonly ref struct SetupIniValue(ReadOnlySpan<byte> utf8, int offset)
{
    public ReadOnlySpan<byte> Utf8 { get; } = utf8;

    /// <summary>Where the value starts in the file, so that a handler can keep it as a slice.</summary>
    public int Offset { get; } = offset;

    public override string ToString() => Encoding.UTF8.GetString(Utf8);
}
