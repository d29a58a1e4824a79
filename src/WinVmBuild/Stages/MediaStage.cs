using System.Diagnostics;
using System.Security.Cryptography;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Settings;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// The media stage: the Cygwin closure fetched and verified into the repository CD, a fresh SSH key pair, and the
/// unattended answer medium holding its public key and generated passwords (and, for the test guest, its initrd). The
/// result, <c>media/&lt;key&gt;/</c> (<see cref="MediaEntry"/>), is keyed by the content of what decides it — settings,
/// the mirror's setup.ini, the setup program's and the kernel's bytes — never by a path or a time, so the same project
/// anywhere finds the same media, key and passwords.
/// </summary>
public static class MediaStage
{
    public const string Name = "media";

    /// <summary>Raised when media made from the same inputs must differ (what a stage relies on in the guest changed).</summary>
    private const string Generation = "2";

    public static async Task<MediaEntry> RunAsync(WinVmSettings settings, StageCache cache, IBuildLog log, CancellationToken cancellationToken)
    {
        // The key the answer file gives setup: the project's, or the chosen image's generic one (its list read once per ISO).
        var productKey = settings.Guest == GuestKind.Windows
            ? await WindowsProductKey.ForAsync(settings, cache.Root, log, cancellationToken).ConfigureAwait(false)
            : null;
        var architecture = CygwinSupport.For(settings.WindowsVersion).Architecture;
        var fetcher = new CygwinFetcher(new MirrorClient(settings.CygwinMirror, log), cache.Root, log);
        var setupIni = await fetcher.FetchSetupIniAsync(architecture, refresh: false, cancellationToken).ConfigureAwait(false);
        var key = Key(settings, productKey, setupIni);
        var started = Stopwatch.StartNew();
        var folder = await cache.GetOrCreateAsync(
            Name,
            key,
            log,
            temporary => CreateAsync(settings, productKey, new MediaEntry(temporary, settings.AnswerMedia), fetcher, setupIni, log, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var entry = new MediaEntry(folder, settings.AnswerMedia);
        if (started.Elapsed > TimeSpan.FromSeconds(1))
        {
            log.Message($"WinVmBuild: {Name}: ready in {started.Elapsed:m\\:ss} ({entry.Folder})");
        }

        return entry;
    }

    /// <summary>
    /// What decides the media: every setting they are made from, the product key the answer file gets (secrets by their
    /// digest), the mirror's setup.ini and the setup program's and kernel's bytes.
    /// </summary>
    internal static string Key(WinVmSettings settings, string? productKey, string setupIni) =>
        new InputHash()
            .Add("stage", Name)
            .Add("generation", Generation)
            .Add("guest", settings.Guest.ToString())
            .Add("windows", settings.WindowsVersion.ToString())
            .Add("firmware", settings.Firmware.ToString())
            .Add("answer media", settings.AnswerMedia.ToString())
            .Add("image", $"{settings.Image.Key}={settings.Image.Value}")
            .Add("product key", Digest(productKey))
            .Add("admin password", Digest(settings.AdminPassword))
            .Add("locale", settings.Locale)
            .Add("time zone", settings.TimeZone)
            .Add("quiet windows", settings.QuietWindows ? "on" : "off")
            .Add("packages", settings.CygwinPackages)
            .AddFile("setup.ini", setupIni)
            .AddFile("setup program", settings.CygwinSetupExe)
            .AddFile("kernel", settings.Kernel)
            .Finish();

    private static async Task CreateAsync(
        WinVmSettings settings, string? productKey, MediaEntry entry, CygwinFetcher fetcher, string setupIni, IBuildLog log, CancellationToken cancellationToken)
    {
        log.Message($"WinVmBuild: {Name}: making the {settings.Guest.ToString().ToLowerInvariant()} guest's media");
        var support = CygwinSupport.For(settings.WindowsVersion);
        var repository = await SetupIni.LoadAsync(setupIni, cancellationToken).ConfigureAwait(false);
        support.CheckRelease(repository, settings.WindowsVersion, settings.CygwinMirror);

        // Windows needs sshd; the test guest's initrd brings its own.
        var roots = settings.Guest == GuestKind.Windows ? settings.CygwinPackages.Append(CygwinSelection.SshPackage) : settings.CygwinPackages;
        var closure = new CygwinClosure(repository, log).Resolve(roots, []);
        log.Message($"Cygwin: {closure.Count} packages ({closure.Sum(package => package.Archive.Size) >> 20} MB) for {string.Join(", ", roots.Distinct())} and Base.");
        var archives = await fetcher.FetchArchivesAsync(closure.Select(package => package.Archive).ToList(), cancellationToken).ConfigureAwait(false);

        var key = await SshKeyPair.CreateAsync(entry.PrivateKey, "winvmbuild", log, cancellationToken).ConfigureAwait(false);
        var answer = await UnattendedMediaBuilder.CreateAsync(
            new UnattendedMediaRequest
            {
                Guest = settings.Guest,
                Version = settings.WindowsVersion,
                Firmware = settings.Firmware,
                MediaKind = settings.AnswerMedia,
                Image = settings.Image,
                ProductKey = productKey,
                AdminPassword = settings.AdminPassword,
                Locale = settings.Locale,
                TimeZone = settings.TimeZone,
                QuietWindows = settings.QuietWindows,
                CygwinPackages = closure.Select(package => new CygwinPackageItem(package.Archive.Path, package.Package.Name)).ToList(),
                SshPublicKeyFile = key.PublicKeyFile,
                OutputFile = entry.AnswerMedia,
                SecretsFile = entry.Secrets,
            },
            log,
            cancellationToken).ConfigureAwait(false);

        await CygwinRepositoryIso.BuildAsync(
            setupIni,
            archives.Select(archive => new RepositoryFile(archive.LocalPath, archive.Archive.Path)).ToList(),
            settings.CygwinSetupExe,
            [
                new RepositoryFile(answer.InstallScriptFile, Media.AnswerFiles.InstallScript.FileName),
                new RepositoryFile(answer.BootstrapScriptFile, CygwinCd.BootstrapFileName),
                new RepositoryFile(answer.MarkerFile, CygwinCd.MarkerFileName),
                .. answer.QuietScriptFile is { } quiet ? [new RepositoryFile(quiet, Media.AnswerFiles.QuietScript.FileName)] : Array.Empty<RepositoryFile>(),
            ],
            entry.CygwinIso,
            "CYGWIN",
            support.Architecture,
            cancellationToken).ConfigureAwait(false);

        if (settings.Guest == GuestKind.Test)
        {
            await TestGuestProfile.CreateInitrdAsync(HostKernel.Find(settings.Kernel), entry.TestGuestInitrd, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A secret enters the key only as its digest; absent, as "none".</summary>
    private static string Digest(string? secret) =>
        secret is null ? "none" : Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
