namespace WinVmBuild.Registry;

/// <summary>A project's cache registry, as its settings name it: which repository, and how the build may use it.</summary>
/// <param name="Reference">The repository (<c>WinVmCacheRegistry</c>).</param>
/// <param name="Push">Entries found or made here are pushed (<c>WinVmCachePush</c>).</param>
/// <param name="Required">A registry that cannot be reached fails the build (<c>WinVmCacheRegistryRequired</c>).</param>
public sealed record RegistrySettings(RegistryReference Reference, bool Push, bool Required);
