using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Media;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>
/// The test guest made the way a build makes it, with the product's own code at every step: a Cygwin-format
/// mirror written from host programs, its closure fetched and verified, the repository ISO with the media
/// stage's marker, a fresh key pair, the test guest's answer floppy, then the install and the suspend stages
/// into a stage cache. The stage tests share one (<see cref="SharedAsync"/>); the revive benchmark makes its own.
/// </summary>
internal sealed class TestGuestImage
{
    /// <summary>seq from the host, packaged under this name: a program only the installed package provides.</summary>
    public const string ProbeProgram = "wvbseq";

    public static readonly TimeSpan StageTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The SDK's default for the test guest: two vCPUs, which TCG runs on two host threads.</summary>
    public const int Cpus = 2;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestGuestImage? _shared;

    /// <summary>This machine's make, with the one library it needs that the guest lacks, as a Cygwin package.</summary>
    public static readonly MirrorPackage HostMake = new("make", "4.3-1", "Devel", [],
    [
        new RepositoryFile("/usr/bin/make", "usr/bin/make"),
        new RepositoryFile("/lib/x86_64-linux-gnu/libdl.so.2", "usr/lib/libdl.so.2"),
    ])
    {
        Summary = "GNU make, taken from this machine",
    };

    private static readonly IReadOnlyList<MirrorPackage> Packages =
    [
        HostMake,
        new(ProbeProgram, "1.0-1", "Utils", ["make"], [new RepositoryFile("/usr/bin/seq", $"usr/bin/{ProbeProgram}")]),
    ];

    private TestGuestImage(VmStageEnvironment environment, TestGuestProfile guest, SshKeyPair key, GuestInstallMedia media)
    {
        Environment = environment;
        Guest = guest;
        Key = key;
        Media = media;
    }

    public VmStageEnvironment Environment { get; }

    public TestGuestProfile Guest { get; }

    public SshKeyPair Key { get; }

    public GuestInstallMedia Media { get; }

    /// <summary>The install stage's cache entry (base.qcow2).</summary>
    public string InstallEntry { get; private set; } = string.Empty;

    /// <summary>The suspend stage's cache entry (disk.qcow2, ram.img, state.bin): what every run revives.</summary>
    public string SnapshotEntry { get; private set; } = string.Empty;

    /// <summary>The image every stage test uses, made on first use (scratch folder, null log).</summary>
    public static async Task<TestGuestImage> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await CreateAsync(TestPaths.NewScratchFolder("stages"), NullBuildLog.Instance, CancellationToken.None);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Makes the media in <paramref name="folder"/>, then installs and suspends a guest of <paramref name="memoryMegabytes"/>
    /// into <c>folder/cache</c>.
    /// </summary>
    public static async Task<TestGuestImage> CreateAsync(string folder, IBuildLog log, CancellationToken cancellationToken, int memoryMegabytes = 256)
    {
        var kernel = HostKernel.Find(null);
        var environment = new VmStageEnvironment(AcceleratorKind.Tcg, new StageCache(Path.Combine(folder, "cache")), log);
        var guest = await TestGuestProfile.CreateAsync(kernel, Path.Combine(folder, "testguest.cpio"), memoryMegabytes, Cpus, cancellationToken);
        var key = await SshKeyPair.CreateAsync(Path.Combine(folder, "ssh", "id_ed25519"), "winvmbuild stage tests", log, cancellationToken);
        var media = await CreateMediaAsync(folder, key, log, cancellationToken);
        var image = new TestGuestImage(environment, guest, key, media);
        image.InstallEntry = await image.InstallAsync(log, cancellationToken);
        image.SnapshotEntry = await image.SuspendAsync(image.InstallEntry, log, cancellationToken);
        return image;
    }

    /// <summary>The install stage over this image's media, logging to <paramref name="log"/> (cached after the first call).</summary>
    public Task<string> InstallAsync(IBuildLog log, CancellationToken cancellationToken) =>
        InstallStage.RunAsync(Environment with { Log = log }, Guest, Media, Key.PrivateKeyFile, StageTimeout, cancellationToken);

    /// <summary>The suspend stage over <paramref name="installEntry"/>, logging to <paramref name="log"/> (cached after the first call).</summary>
    public Task<string> SuspendAsync(string installEntry, IBuildLog log, CancellationToken cancellationToken) =>
        SuspendStage.RunAsync(Environment with { Log = log }, Guest, installEntry, Key.PrivateKeyFile, StageTimeout, cancellationToken);

    /// <summary>mirror -> closure -> fetch -> answer floppy -> repository ISO (with the floppy's marker), as the SDK's media stage does.</summary>
    private static async Task<GuestInstallMedia> CreateMediaAsync(string folder, SshKeyPair key, IBuildLog log, CancellationToken cancellationToken)
    {
        var mirrorFolder = Path.Combine(folder, "mirror");
        await LocalMirror.WriteAsync(mirrorFolder, Packages, cancellationToken);
        var fetcher = new CygwinFetcher(new MirrorClient(new Uri(mirrorFolder + "/").AbsoluteUri, log), Path.Combine(folder, "cache"), log);
        var setupIni = await fetcher.FetchSetupIniAsync(CygwinArchitecture.X86_64, refresh: false, cancellationToken);
        var closure = new CygwinClosure(await SetupIni.LoadAsync(setupIni, cancellationToken), log).Resolve([ProbeProgram], []);
        var archives = await fetcher.FetchArchivesAsync(closure.Select(package => package.Archive).ToList(), cancellationToken);

        var answer = await UnattendedMediaBuilder.CreateAsync(
            new UnattendedMediaRequest
            {
                Version = WindowsVersion.TestGuest,
                CygwinPackages = closure.Select(package => new CygwinPackageItem(package.Archive.Path, package.Package.Name)).ToList(),
                SshPublicKeyFile = key.PublicKeyFile,
                OutputFile = Path.Combine(folder, "media", "answer.floppy"),
            },
            log,
            cancellationToken);

        // The test guest never runs Cygwin's setup: its ISO carries no setup-x86_64.exe.
        var iso = Path.Combine(folder, "media", "cygwin.iso");
        await CygwinRepositoryIso.BuildAsync(
            setupIni,
            archives.Select(archive => new RepositoryFile(archive.LocalPath, archive.Archive.Path)).ToList(),
            null,
            [new RepositoryFile(answer.MarkerFile, CygwinCd.MarkerFileName), new RepositoryFile(answer.BootstrapScriptFile, CygwinCd.BootstrapFileName)],
            iso,
            "CYGWIN",
            CygwinArchitecture.X86_64,
            cancellationToken);
        return new GuestInstallMedia(answer.ImageFile, iso);
    }
}
