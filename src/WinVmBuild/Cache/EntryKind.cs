namespace WinVmBuild.Cache;

/// <summary>
/// A kind of cache entry: the folder its entries live in (<c>&lt;cache&gt;/&lt;name&gt;/&lt;key&gt;/</c>), and whether
/// they may be shared through a registry.
/// </summary>
/// <param name="Name">The folder, and the stage's name in logs and registry tags.</param>
/// <param name="Shared">
/// Whether entries go to and come from a cache registry. What is derived from a file only this machine has (the Windows
/// installer ISO rebuilt to boot under UEFI: a copy of Microsoft's media, keyed by its bytes) never leaves it.
/// </param>
public sealed record EntryKind(string Name, bool Shared)
{
    /// <summary>The media stage's: the Cygwin CD, the SSH key, the answer medium, the secrets.</summary>
    public static EntryKind Media { get; } = new("media", Shared: true);

    /// <summary>The install stage's: the installed disk and the guest's host key.</summary>
    public static EntryKind Install { get; } = new("install", Shared: true);

    /// <summary>A provisioning step's: the disk overlay of what the step changed, over the layer (or install) before it.</summary>
    public static EntryKind Layer { get; } = new("layer", Shared: true);

    /// <summary>The suspend stage's: the memory snapshot.</summary>
    public static EntryKind Suspend { get; } = new("suspend", Shared: true);

    /// <summary>A Windows installer ISO rebuilt to boot under UEFI without a key press, by the original's sha256.</summary>
    public static EntryKind Installer { get; } = new("installer", Shared: false);

    /// <summary>The name of this kind's entry <paramref name="key"/> outside its folder: a registry's tag, a transfer's folder.</summary>
    public string EntryName(string key) => $"{Name}-{key}";

    public override string ToString() => Name;
}
