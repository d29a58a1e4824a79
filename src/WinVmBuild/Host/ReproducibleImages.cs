namespace WinVmBuild.Host;

/// <summary>
/// Makes the media images byte-for-byte reproducible: the install stage is cached by the hash of its media, so
/// the same answer file and archives must give the same floppy and ISO, not ones that differ by the time they
/// were made. Every date in them is 2010-01-01, the guest's fixed clock.
/// </summary>
internal static class ReproducibleImages
{
    public const string SourceDateEpoch = "1262304000";

    /// <summary>The variable xorriso and mtools read their dates from (reproducible-builds.org).</summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["SOURCE_DATE_EPOCH"] = SourceDateEpoch,
    };
}
