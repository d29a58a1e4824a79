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
    public static EntryKind Install { get; } = new("install", Shared: true) { MadeFrom = [Media] };

    /// <summary>
    /// A provisioning step's: the disk overlay of what the step changed, over the layer (or install) before it. Layers are
    /// newer than records of what an entry was made from, so every layer has one, naming the layer below it too.
    /// </summary>
    public static EntryKind Layer { get; } = new("layer", Shared: true) { MadeFrom = [Install, Media] };

    /// <summary>The suspend stage's: the memory snapshot, whose disk is an overlay of the install's or the last layer's.</summary>
    public static EntryKind Suspend { get; } = new("suspend", Shared: true) { MadeFrom = [Install, Layer, Media] };

    /// <summary>
    /// A snapshot of the revived guest holding a copy of one large project, so that its builds send only what changed
    /// (Stages/ProjectSnapshot): its disk an overlay of the snapshot's, its RAM a copy of the snapshot's. It names a folder
    /// of this machine: never shared.
    /// </summary>
    public static EntryKind Project { get; } = new("project", Shared: false) { MadeFrom = [Suspend, Media] };

    /// <summary>A Windows installer ISO rebuilt to boot under UEFI without a key press, by the original's sha256.</summary>
    public static EntryKind Installer { get; } = new("installer", Shared: false);

    /// <summary>Every kind, each after those its entries are made from.</summary>
    public static IReadOnlyList<EntryKind> All { get; } = [Media, Install, Layer, Suspend, Project, Installer];

    /// <summary>
    /// The kinds of the entries an entry of this kind is made from and needs while it is used: the install's disk was
    /// installed from the media, a layer's and the snapshot's disks are overlays of the install's and every VM logs in with the media's
    /// key. Each entry records its own (<see cref="CacheEntry.MadeFrom"/>); what an older WinVmBuild made without a record
    /// is taken to be made from every entry of these kinds.
    /// </summary>
    public IReadOnlyList<EntryKind> MadeFrom { get; private init; } = [];

    /// <summary>The name of this kind's entry <paramref name="key"/> outside its folder: a registry's tag, a transfer's folder.</summary>
    public string EntryName(string key) => $"{Name}-{key}";

    public override string ToString() => Name;
}
