namespace WinVmBuild.Host;

/// <summary>
/// What an ISO 9660 image holds for a reader that knows no UDF: its files, as absolute paths inside it
/// ("/I386/TXTSETUP.SIF"), and its El Torito boot entries. A file that is no ISO 9660 image holds neither.
/// </summary>
public sealed record IsoImageContent(IReadOnlyList<string> Files, IReadOnlyList<ElToritoEntry> BootEntries);
