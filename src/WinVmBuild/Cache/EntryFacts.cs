namespace WinVmBuild.Cache;

/// <summary>
/// What a stage says of its cache entry when it is shared: annotations for whoever reads the registry (QEMU version,
/// machine type, CPU model, memory, Windows version), and, for an entry that must not leave this machine, why.
/// </summary>
public sealed record EntryFacts(IReadOnlyDictionary<string, string> Annotations)
{
    public static EntryFacts None { get; } = new(new Dictionary<string, string>());

    /// <summary>
    /// The annotation that names what the entry was made from (a snapshot's install). When the registry lacks this
    /// entry but has one made from the same thing, the <see cref="MustMatch"/> annotations that differ say why it
    /// could not be used.
    /// </summary>
    public string? Lineage { get; init; }

    /// <summary>The annotations that must be equal for an entry to be usable here (QEMU version, machine type, CPU model).</summary>
    public IReadOnlyList<string> MustMatch { get; init; } = [];

    /// <summary>Why the entry revives only on this machine (a snapshot of <c>-cpu host</c>): it is then never pushed.</summary>
    public string? NotPortable { get; init; }
}
