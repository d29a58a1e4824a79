namespace WinVmBuild.Cygwin;

/// <summary>The <c>key:</c> of a setup.ini line, for the keys installing uses; every other key is <see cref="Other"/>.</summary>
internal enum SetupIniKey
{
    /// <summary>Keys installing does not need (<c>source</c>, <c>build-depends</c>, ...) or does not know yet.</summary>
    Other,
    Version,
    Install,
    Depends2,
    Requires,
    Provides,
    Obsoletes,
    Conflicts,
    Sdesc,
    Ldesc,
    Category,
    Message,
}

internal static class SetupIniKeys
{
    /// <summary>The key of <paramref name="utf8"/>, matched byte by byte (and most frequent first).</summary>
    public static SetupIniKey Classify(ReadOnlySpan<byte> utf8) =>
        utf8.SequenceEqual("version"u8) ? SetupIniKey.Version
        : utf8.SequenceEqual("install"u8) ? SetupIniKey.Install
        : utf8.SequenceEqual("depends2"u8) ? SetupIniKey.Depends2
        : utf8.SequenceEqual("sdesc"u8) ? SetupIniKey.Sdesc
        : utf8.SequenceEqual("ldesc"u8) ? SetupIniKey.Ldesc
        : utf8.SequenceEqual("category"u8) ? SetupIniKey.Category
        : utf8.SequenceEqual("obsoletes"u8) ? SetupIniKey.Obsoletes
        : utf8.SequenceEqual("provides"u8) ? SetupIniKey.Provides
        : utf8.SequenceEqual("conflicts"u8) ? SetupIniKey.Conflicts
        : utf8.SequenceEqual("requires"u8) ? SetupIniKey.Requires
        : utf8.SequenceEqual("message"u8) ? SetupIniKey.Message
        : SetupIniKey.Other;
}
