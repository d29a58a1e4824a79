namespace WinVmBuild.Cache;

/// <summary>How a <see cref="CacheLock"/> holds its entry.</summary>
public enum LockMode
{
    /// <summary>Held by one build alone: it changes whether the entry exists.</summary>
    Exclusive,

    /// <summary>Held by any number of builds at once: they use the entry, which no build may take away meanwhile.</summary>
    Shared,
}
