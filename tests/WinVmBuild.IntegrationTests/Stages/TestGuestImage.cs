using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Media;
using WinVmBuild.Settings;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>
/// The test guest made the way a build makes it, with the product's own stages: a Cygwin-format mirror written
/// from host programs, the settings a project would write, then the media, install and suspend stages into a stage
/// cache. The stage tests share one (<see cref="SharedAsync"/>); the revive benchmark makes its own.
/// </summary>
internal sealed class TestGuestImage
{
    /// <summary>seq from the host, packaged under this name: a program only the installed package provides.</summary>
    public const string ProbeProgram = "wvbseq";

    public static readonly TimeSpan StageTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The SDK's default for the test guest: one vCPU.</summary>
    public const int Cpus = 1;

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

    private TestGuestImage(VmStageEnvironment environment, TestGuestProfile guest, MediaEntry media)
    {
        Environment = environment;
        Guest = guest;
        Media = media;
    }

    public VmStageEnvironment Environment { get; }

    public TestGuestProfile Guest { get; }

    /// <summary>The media stage's entry: the key, the answer floppy, the Cygwin ISO, the initrd.</summary>
    public MediaEntry Media { get; }

    /// <summary>The install stage's cache entry (base.qcow2).</summary>
    public string InstallEntry { get; private set; } = string.Empty;

    /// <summary>The suspend stage's cache entry (disk.qcow2, ram.img, state.bin): what every run revives.</summary>
    public string SuspendEntry { get; private set; } = string.Empty;

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
    /// The test guest as a project for this image checks it: the test guest, a mirror of this machine's programs in
    /// <paramref name="folder"/>, a stage cache in <c>folder/cache</c>, TCG.
    /// </summary>
    public static async Task<CheckedProject> ProjectAsync(string folder, int memoryMegabytes, IBuildLog log, CancellationToken cancellationToken)
    {
        var mirror = Path.Combine(folder, "mirror");
        await LocalMirror.WriteAsync(mirror, Packages, cancellationToken);
        return await SettingsCheck.RunAsync(
            new RawSettings(new Dictionary<string, string>
            {
                ["WinVmGuest"] = "test",
                ["WinVmCygwinMirror"] = new Uri(mirror + "/").AbsoluteUri,
                ["WinVmCacheDir"] = Path.Combine(folder, "cache"),
                ["WinVmMemory"] = memoryMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["WinVmCpus"] = Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["WinVmAccelerator"] = "tcg",
                ["WinVmCommand"] = "true",
            })
            {
                CygwinPackages = [ProbeProgram],
            },
            log,
            cancellationToken);
    }

    /// <summary>
    /// Makes the media in <c>folder/cache</c> with the media stage, then installs and suspends a guest of
    /// <paramref name="memoryMegabytes"/> there.
    /// </summary>
    public static async Task<TestGuestImage> CreateAsync(string folder, IBuildLog log, CancellationToken cancellationToken, int memoryMegabytes = 256)
    {
        var project = await ProjectAsync(folder, memoryMegabytes, log, cancellationToken);
        var media = await MediaStage.RunAsync(project, log, cancellationToken);
        var image = new TestGuestImage(project.Environment(log), (TestGuestProfile)project.Profile(media), media);
        image.InstallEntry = await image.InstallAsync(log, cancellationToken);
        image.SuspendEntry = await image.SuspendAsync(image.InstallEntry, log, cancellationToken);
        return image;
    }

    /// <summary>The install stage over this image's media, logging to <paramref name="log"/> (cached after the first call).</summary>
    public Task<string> InstallAsync(IBuildLog log, CancellationToken cancellationToken) =>
        InstallStage.RunAsync(Environment with { Log = log }, Guest, Media, installerIso: null, StageTimeout, cancellationToken);

    /// <summary>The suspend stage over <paramref name="installEntry"/>, logging to <paramref name="log"/> (cached after the first call).</summary>
    public Task<string> SuspendAsync(string installEntry, IBuildLog log, CancellationToken cancellationToken) =>
        SuspendStage.RunAsync(Environment with { Log = log }, Guest, Media, installEntry, StageTimeout, cancellationToken);
}
