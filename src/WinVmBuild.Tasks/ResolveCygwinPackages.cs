using Microsoft.Build.Framework;
using WinVmBuild.Cygwin;
using WinVmBuild.Media;

namespace WinVmBuild.Tasks;

/// <summary>
/// Lists the archives Cygwin's setup installs for <see cref="Packages"/>, every package of <see cref="Categories"/>
/// and every <c>Base</c> package, with their dependencies resolved as setup resolves them, after checking that the
/// mirror's Cygwin runs on <see cref="WindowsVersion"/>.
/// </summary>
public sealed class ResolveCygwinPackages : WinVmTask
{
    /// <summary>setup.ini, setup.xz, setup.bz2 or setup.zst.</summary>
    [Required]
    public string SetupIni { get; set; } = string.Empty;

    [Required]
    public ITaskItem[] Packages { get; set; } = [];

    /// <summary>Categories whose every package is installed (matched case-insensitively); Base always is.</summary>
    public ITaskItem[] Categories { get; set; } = [];

    /// <summary>The Windows version (<c>WinVmWindowsVersion</c>, or <c>test</c>): a mirror's Cygwin too new for it is refused.</summary>
    public string WindowsVersion { get; set; } = "test";

    /// <summary>The mirror setup.ini came from, named in errors.</summary>
    public string? Mirror { get; set; }

    /// <summary>ItemSpec = install: path; metadata Package, Version, Size, Sha512 (or Md5).</summary>
    [Output]
    public ITaskItem[] Archives { get; private set; } = [];

    protected override async Task ExecuteAsync()
    {
        var setupIni = await Cygwin.SetupIni.LoadAsync(SetupIni, CancellationToken).ConfigureAwait(false);
        var version = WindowsVersionTraits.Parse(WindowsVersion);
        CygwinSupport.For(version).CheckRelease(setupIni, version, Mirror ?? SetupIni);
        var closure = new CygwinClosure(setupIni, BuildLog).Resolve(
            Packages.Select(p => p.ItemSpec),
            Categories.Select(c => c.ItemSpec));
        BuildLog.Message($"Cygwin: {closure.Count} packages ({closure.Sum(p => p.Archive.Size) >> 20} MB) for {string.Join(", ", Packages.Select(p => p.ItemSpec))} and Base.");
        Archives = closure.Select(CygwinArchiveItems.ToItem).ToArray();
    }
}
