using Microsoft.Build.Framework;
using WinVmBuild.Cygwin;
using WinVmBuild.Media;

namespace WinVmBuild.Tasks;

/// <summary>
/// Packs the CD Cygwin's setup installs from offline: &lt;arch&gt;/setup.ini (decompressed, unmodified), the fetched
/// archives at their install: paths, the architecture's setup program at the root and <see cref="ExtraFiles"/>.
/// </summary>
public sealed class BuildCygwinRepositoryIso : WinVmTask
{
    [Required]
    public string SetupIni { get; set; } = string.Empty;

    /// <summary>The items FetchCygwinPackages gave: ItemSpec = local file, metadata InstallPath.</summary>
    [Required]
    public ITaskItem[] Archives { get; set; } = [];

    /// <summary>Cygwin's installer, downloaded by the user from cygwin.com.</summary>
    public string? SetupExe { get; set; }

    /// <summary>Further files (bootstrap script, marker file): ItemSpec = host file, metadata TargetPath.</summary>
    public ITaskItem[] ExtraFiles { get; set; } = [];

    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>The ISO's volume label.</summary>
    public string VolumeId { get; set; } = "CYGWIN";

    /// <summary>The Windows version (<c>WinVmWindowsVersion</c>, or <c>test</c>), which decides the architecture's folder and setup program.</summary>
    public string WindowsVersion { get; set; } = "10";

    protected override Task ExecuteAsync() => CygwinRepositoryIso.BuildAsync(
        SetupIni,
        Archives.Select(a => new RepositoryFile(a.ItemSpec, CygwinArchiveItems.Required(a, "InstallPath"))).ToList(),
        SetupExe,
        ExtraFiles.Select(f => new RepositoryFile(f.ItemSpec, CygwinArchiveItems.Required(f, "TargetPath"))).ToList(),
        OutputFile,
        VolumeId,
        CygwinSupport.For(WindowsVersionTraits.Parse(WindowsVersion)).Architecture,
        CancellationToken);
}
