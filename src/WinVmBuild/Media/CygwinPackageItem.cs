namespace WinVmBuild.Media;

/// <summary>
/// One CygwinPackages item as MSBuild passes it: either a package name ("openssh"), or an archive of the closure
/// whose ItemSpec is its install path ("x86_64/release/make/make-4.4.1-2.tar.xz") and whose metadata Package names it.
/// </summary>
public sealed record CygwinPackageItem(string ItemSpec, string? Package = null);
