using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Host;
using WinVmBuild.Media;

namespace WinVmBuild.IntegrationTests.Appliances;

/// <summary>
/// The install media the test guest reads, made by the product's own media code, holding two archives: the
/// fixtures' real Cygwin make (Windows executables, to check that they are unpacked byte for byte) and a
/// package built here from a host program (to prove that an installed program runs).
/// </summary>
internal static class TestGuestMedia
{
    public const string MakeArchive = "x86_64/release/make/make-4.4.1-2.tar.xz";

    public const string ProbeProgram = "wvbseq";

    public const string ProbeArchive = $"x86_64/release/{ProbeProgram}/{ProbeProgram}-1.0-1.tar.xz";

    public static async Task<GuestInstallMedia> CreateAsync(string folder, string authorizedKeyPath)
    {
        var mirror = Path.Combine(folder, "mirror");
        var setupIni = await LocalMirror.WriteAsync(
            mirror,
            [new MirrorPackage(ProbeProgram, "1.0-1", "Base", [], [new RepositoryFile("/usr/bin/seq", $"usr/bin/{ProbeProgram}")])],
            CancellationToken.None);

        var answer = await UnattendedMediaBuilder.CreateAsync(
            new UnattendedMediaRequest
            {
                Version = WindowsVersion.TestGuest,
                CygwinPackages = [new CygwinPackageItem(MakeArchive, "make"), new CygwinPackageItem(ProbeArchive, ProbeProgram)],
                SshPublicKeyFile = authorizedKeyPath,
                OutputFile = Path.Combine(folder, "answer.floppy"),
            },
            NullBuildLog.Instance,
            CancellationToken.None);

        // The test guest reads the archive paths from its answer file, so setup.ini need not list make.
        var iso = Path.Combine(folder, "repository.iso");
        await CygwinRepositoryIso.BuildAsync(
            setupIni,
            [
                new RepositoryFile(Path.Combine(TestPaths.CygwinMirror, MakeArchive), MakeArchive),
                new RepositoryFile(Path.Combine(mirror, ProbeArchive), ProbeArchive),
            ],
            null,
            [new RepositoryFile(answer.MarkerFile, CygwinCd.MarkerFileName)],
            iso,
            "CYGWIN",
            CancellationToken.None);
        return new GuestInstallMedia(answer.ImageFile, iso);
    }

    /// <summary>The bytes of one member of a tar.xz archive, as the host's tar reads them.</summary>
    public static async Task<byte[]> ReadMemberAsync(string archive, string member, string scratch)
    {
        var folder = Directory.CreateDirectory(Path.Combine(scratch, "member-" + Guid.NewGuid().ToString("N"))).FullName;
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("tar", ["-xJf", archive, "-C", folder, member]), CancellationToken.None);
        return await File.ReadAllBytesAsync(Path.Combine(folder, member));
    }
}
