namespace WinVmBuild.Cache;

/// <summary>
/// A second level behind the local cache, shared between machines (a cache registry): asked for an entry the cache
/// lacks, and given the entries the cache has. Only <see cref="EntryKind.Shared"/> kinds ever reach it.
/// </summary>
public interface IEntryRegistry
{
    /// <summary>Whether entries found or made here are pushed to it.</summary>
    bool Push { get; }

    /// <summary>
    /// Fills <paramref name="folder"/> with the entry (<paramref name="kind"/>, <paramref name="key"/>) when the registry
    /// has it; false when it has not (or cannot be reached and is not required). A transfer is staged in
    /// <paramref name="staging"/>, kept after a failure so the next pull resumes.
    /// </summary>
    Task<bool> TryPullAsync(
        EntryKind kind, string key, EntryFacts facts, string folder, string staging, Diagnostics.IBuildLog log, CancellationToken cancellationToken);

    /// <summary>Pushes the entry in <paramref name="entry"/> unless the registry has it already.</summary>
    Task PushAsync(
        EntryKind kind, string key, string entry, EntryFacts facts, string staging, Diagnostics.IBuildLog log, CancellationToken cancellationToken);
}
