using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Vm;

namespace WinVmBuild.Guests.TestGuest;

/// <summary>
/// What the Linux test guest installs itself from: its answer file and the authorized key on a floppy, the closure's
/// archives on the Cygwin CD (it unpacks them itself, with no setup program), and its initrd, made with the media so
/// that every stage boots the very initrd the image was installed with.
/// </summary>
public sealed record TestGuestKind(HostKernel Kernel) : IGuestKind
{
    /// <summary>The initrd's name in the media entry (<see cref="MediaEntry.GuestFile"/>).</summary>
    public const string InitrdFile = "testguest.cpio";

    public string Description => "test guest";

    public override string ToString() => $"test guest on {Kernel.KernelPath}";

    /// <summary>The test guest stands in for a current Windows: 64-bit Cygwin.</summary>
    public CygwinArchitecture Architecture => CygwinArchitecture.X86_64;

    /// <summary>Its initrd brings its own sshd.</summary>
    public IReadOnlyList<string> RequiredPackages => [];

    public MediaKind AnswerMedium => MediaKind.Floppy;

    public string? SetupProgram => null;

    public void AddKeyInputs(InputHash key) => key.AddFile("kernel", Kernel.KernelPath);

    /// <summary>Any Cygwin's archives unpack on it.</summary>
    public void CheckRepository(SetupIni repository, string mirror)
    {
    }

    public InstallSecrets NewSecrets() => new(TestGuestAnswerFile.User, PasswordGenerator.Generate(), PasswordGenerator.Generate());

    public async Task<GuestMediaFiles> CreateAsync(GuestMediaInputs inputs, MediaEntry entry, IBuildLog log, CancellationToken cancellationToken)
    {
        await TestGuestProfile.CreateInitrdAsync(Kernel, entry.GuestFile(InitrdFile), cancellationToken).ConfigureAwait(false);
        return new GuestMediaFiles(
            [
                new(TestGuestAnswerFile.FileName, TestGuestAnswerFile.Create(inputs.Cygwin.ArchivePaths)),
                new(TestGuestAnswerFile.AuthorizedKeysFileName, inputs.SshPublicKey + "\n"),
            ],
            [CygwinCd.Marker(Description)]);
    }

    public IGuestProfile Profile(MediaEntry media, int memoryMegabytes, int cpus) =>
        new TestGuestProfile(Kernel, media.GuestFile(InitrdFile), memoryMegabytes, cpus);
}
