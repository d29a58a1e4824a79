using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Media;

namespace WinVmBuild.Guests;

/// <summary>
/// One kind of guest (Windows, or the Linux test guest that stands in for it), defined before any stage: what it puts
/// on the media it installs itself from, and the VM its install and later stages boot (<see cref="Profile"/>). The
/// media stage does the rest the same way for every guest: the Cygwin closure fetched and verified, the SSH key pair,
/// the secrets, the answer medium's image and the Cygwin repository CD.
/// </summary>
public interface IGuestKind
{
    /// <summary>What the guest is ("Windows 10", "test guest"), for the build log.</summary>
    string Description { get; }

    /// <summary>The Cygwin the guest runs: which of the mirror's setup.ini it gets.</summary>
    CygwinArchitecture Architecture { get; }

    /// <summary>Packages the guest itself needs besides the project's (Windows: openssh for its sshd).</summary>
    IReadOnlyList<string> RequiredPackages { get; }

    /// <summary>What carries its answer files: a floppy or a CD image.</summary>
    MediaKind AnswerMedium { get; }

    /// <summary>Cygwin's setup program, put at the root of the repository CD; null for a guest that unpacks archives itself.</summary>
    string? SetupProgram { get; }

    /// <summary>Adds what decides this guest's media, besides the packages and the mirror, to the media's key (secrets by their digest).</summary>
    void AddKeyInputs(InputHash key);

    /// <summary>Refuses a repository whose Cygwin does not run on the guest (WVB0113).</summary>
    void CheckRepository(SetupIni repository, string mirror);

    /// <summary>The administrator and passwords of a new image: the project's, or generated.</summary>
    InstallSecrets NewSecrets();

    /// <summary>
    /// Writes what the guest needs beyond the answer files into <paramref name="entry"/> (the test guest's initrd) and
    /// returns the answer files and the files for the root of the Cygwin CD.
    /// </summary>
    Task<GuestMediaFiles> CreateAsync(GuestMediaInputs inputs, MediaEntry entry, IBuildLog log, CancellationToken cancellationToken);

    /// <summary>The VM of a guest installed from <paramref name="media"/>, with <paramref name="memoryMegabytes"/> of RAM and <paramref name="cpus"/> CPUs.</summary>
    IGuestProfile Profile(MediaEntry media, int memoryMegabytes, int cpus);
}

/// <summary>What a guest's answer files are made from, once the media stage has resolved it.</summary>
/// <param name="Cygwin">The packages the install gets.</param>
/// <param name="SshPublicKey">The one authorized_keys line that lets the host in.</param>
/// <param name="Secrets">The administrator and passwords of the image.</param>
public sealed record GuestMediaInputs(CygwinSelection Cygwin, string SshPublicKey, InstallSecrets Secrets);

/// <summary>A guest's generated files: those of its answer medium (the answer file first), and those for the Cygwin CD's root.</summary>
public sealed record GuestMediaFiles(IReadOnlyList<MediaFile> AnswerFiles, IReadOnlyList<MediaFile> RepositoryFiles);
