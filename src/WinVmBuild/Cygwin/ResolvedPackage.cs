namespace WinVmBuild.Cygwin;

/// <summary>A package of the closure and the version chosen for it.</summary>
public sealed record ResolvedPackage(CygwinPackage Package, PackageVersion Version)
{
    /// <summary>The archive to install; every chosen version has one.</summary>
    public InstallArchive Archive => Version.Install!;

    public override string ToString() => $"{Package.Name} {Version.Version}";
}
