namespace WinVmBuild.Cygwin;

/// <summary>A host file and the relative path it gets on the repository ISO (<c>x86_64/release/make/make-4.4.1-2.tar.xz</c>).</summary>
public sealed record RepositoryFile(string SourcePath, string TargetPath);
