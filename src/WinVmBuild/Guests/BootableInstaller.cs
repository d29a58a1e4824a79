using WinVmBuild.Cache;

namespace WinVmBuild.Guests;

/// <summary>
/// The installation ISO an install boots (<see cref="IGuestProfile.BootableInstallerAsync"/>): the project's own, or a
/// copy made in the stage cache, whose entry stays leased until the install is done with it.
/// </summary>
public sealed class BootableInstaller(string? path, EntryLease? lease = null) : IDisposable
{
    /// <summary>The ISO; null when the guest installs from none.</summary>
    public string? Path { get; } = path;

    public void Dispose() => lease?.Dispose();
}
