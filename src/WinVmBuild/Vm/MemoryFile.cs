namespace WinVmBuild.Vm;

/// <summary>
/// Guest RAM mapped from a file instead of anonymous memory, as Kata Containers' VM templates do. <see cref="Shared"/>
/// maps it MAP_SHARED, so the guest's memory is written to the file: how the suspend stage makes it. Otherwise it is
/// mapped MAP_PRIVATE (copy-on-write): the guest starts from the file's pages and the file is never written, so every
/// revive, concurrent ones included, shares one file through the page cache.
/// </summary>
public sealed record MemoryFile(string Path, bool Shared);
