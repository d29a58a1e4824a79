using System.Diagnostics;
using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Media;

namespace WinVmBuild.Stages;

/// <summary>
/// The media stage: the Cygwin closure fetched and verified into the repository CD, a fresh SSH key pair, new secrets,
/// and the guest's answer medium holding its public key and passwords (<see cref="IGuestKind"/> says what each kind
/// of guest needs). The result, <c>media/&lt;key&gt;/</c> (<see cref="MediaEntry"/>), is keyed by the content of what
/// decides it — the guest's settings, the packages, the mirror's setup.ini, the setup program's and the kernel's bytes
/// — never by a path or a time, so the same project anywhere finds the same media, key and passwords.
/// </summary>
public static class MediaStage
{
    public static readonly string Name = EntryKind.Media.Name;

    /// <summary>Raised when media made from the same inputs must differ (what a stage relies on in the guest changed).</summary>
    private const string Generation = "4";

    /// <summary>The media of a checked project's guest.</summary>
    public static Task<MediaEntry> RunAsync(CheckedProject project, IBuildLog log, CancellationToken cancellationToken) =>
        RunAsync(project.Guest, project.Settings.CygwinPackages, project.Settings.CygwinMirror, project.Cache, log, cancellationToken);

    /// <param name="packages">The Cygwin packages the project asks for; the guest adds its own.</param>
    public static async Task<MediaEntry> RunAsync(
        IGuestKind guest, IReadOnlyList<string> packages, string mirror, StageCache cache, IBuildLog log, CancellationToken cancellationToken)
    {
        var fetcher = new CygwinFetcher(new MirrorClient(mirror, log), cache.Layout.Cygwin, log);
        var setupIni = await fetcher.FetchSetupIniAsync(guest.Architecture, refresh: false, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.StartNew();
        using var lease = await cache.GetOrCreateAsync(
            EntryKind.Media,
            Key(guest, packages, setupIni),
            log,
            temporary => CreateAsync(guest, packages, mirror, new MediaEntry(temporary, guest.AnswerMedium), fetcher, setupIni, log, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var entry = new MediaEntry(lease.Folder, guest.AnswerMedium);
        if (started.Elapsed > TimeSpan.FromSeconds(1))
        {
            log.Message($"WinVmBuild: {Name}: ready in {started.Elapsed:m\\:ss} ({entry.Folder})");
        }

        return entry;
    }

    /// <summary>What decides the media: the guest's own inputs, the packages and the mirror's setup.ini.</summary>
    internal static string Key(IGuestKind guest, IReadOnlyList<string> packages, string setupIni)
    {
        var key = new InputHash()
            .Add("stage", Name)
            .Add("generation", Generation)
            .Add("guest", guest.Description);
        guest.AddKeyInputs(key);
        return key
            .Add("packages", packages)
            .AddFile("setup.ini", setupIni)
            .Finish();
    }

    private static async Task CreateAsync(
        IGuestKind guest, IReadOnlyList<string> packages, string mirror, MediaEntry entry, CygwinFetcher fetcher, string setupIni, IBuildLog log,
        CancellationToken cancellationToken)
    {
        log.Message($"WinVmBuild: {Name}: making the {guest.Description}'s media");
        var repository = await SetupIni.LoadAsync(setupIni, cancellationToken).ConfigureAwait(false);
        guest.CheckRepository(repository, mirror);

        var roots = packages.Concat(guest.RequiredPackages).Distinct(StringComparer.Ordinal).ToList();
        var closure = new CygwinClosure(repository, log).Resolve(roots, []);
        log.Message($"Cygwin: {closure.Count} packages ({closure.Sum(package => package.Archive.Size) >> 20} MB) for {string.Join(", ", roots)} and Base.");
        var archives = await fetcher.FetchArchivesAsync(closure.Select(package => package.Archive).ToList(), cancellationToken).ConfigureAwait(false);

        var key = await SshKeyPair.CreateAsync(entry.PrivateKey, "winvmbuild", log, cancellationToken).ConfigureAwait(false);
        var secrets = guest.NewSecrets();
        await secrets.WriteAsync(entry.Secrets, cancellationToken).ConfigureAwait(false);
        var selection = new CygwinSelection(
            closure.Select(package => package.Package.Name).Distinct(StringComparer.Ordinal).ToList(),
            closure.Select(package => package.Archive.Path).ToList());
        var files = await guest.CreateAsync(
            new GuestMediaInputs(selection, await SshPublicKey.ReadAsync(key.PublicKeyFile, cancellationToken).ConfigureAwait(false), secrets),
            entry,
            log,
            cancellationToken).ConfigureAwait(false);

        // Each generated file is kept beside the images, owner-only (they hold passwords), for whoever inspects the image.
        foreach (var file in files.AnswerFiles.Concat(files.RepositoryFiles))
        {
            await PrivateFile.WriteTextAsync(entry.GuestFile(file.Name), file.Text, cancellationToken).ConfigureAwait(false);
        }

        await AnswerMedium.WriteAsync(files.AnswerFiles, entry.AnswerMedia, guest.AnswerMedium, cancellationToken).ConfigureAwait(false);
        await CygwinRepositoryIso.BuildAsync(
            setupIni,
            archives.Select(archive => new RepositoryFile(archive.LocalPath, archive.Archive.Path)).ToList(),
            guest.SetupProgram,
            files.RepositoryFiles.Select(file => new RepositoryFile(entry.GuestFile(file.Name), file.Name)).ToList(),
            entry.CygwinIso,
            "CYGWIN",
            guest.Architecture,
            cancellationToken).ConfigureAwait(false);
        log.Detail($"{Name}: {guest.Description}: {string.Join(", ", files.AnswerFiles.Select(file => file.Name))} on a {guest.AnswerMedium}, " +
            $"{string.Join(", ", files.RepositoryFiles.Select(file => file.Name))} on the Cygwin CD");
    }
}
