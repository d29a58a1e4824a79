namespace WinVmBuild.Cygwin;

/// <summary>An archive verified and kept in the cache at <see cref="LocalPath"/>.</summary>
public sealed record FetchedArchive(InstallArchive Archive, string LocalPath);
