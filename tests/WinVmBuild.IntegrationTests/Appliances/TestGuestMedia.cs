using System.Security.Cryptography;
using WinVmBuild.Guests;
using WinVmBuild.Host;

namespace WinVmBuild.IntegrationTests.Appliances;

/// <summary>
/// The install media the test guest reads, made the way the media and Cygwin engineers' code will make
/// them (their code is not merged yet): a FAT floppy with testguest.cfg and authorized_keys, and a
/// repository ISO with setup.ini, the archives at their install paths and the marker file.
/// </summary>
internal static class TestGuestMedia
{
    public const string MakeArchive = "x86_64/release/make/make-4.4.1-2.tar.xz";

    /// <summary>A package built here from a host program, so that a test can prove an installed program runs.</summary>
    public const string ProbeArchive = "x86_64/release/wvbseq/wvbseq-1.0-1.tar.xz";

    public const string ProbeProgram = "wvbseq";

    public static async Task<GuestInstallMedia> CreateAsync(string folder, string authorizedKeyPath)
    {
        var repository = Directory.CreateDirectory(Path.Combine(folder, "repository")).FullName;
        var makeTarget = Path.Combine(repository, MakeArchive);
        Directory.CreateDirectory(Path.GetDirectoryName(makeTarget)!);
        File.Copy(Path.Combine(TestPaths.CygwinMirror, MakeArchive), makeTarget);
        var probeStanza = await BuildProbePackageAsync(folder, Path.Combine(repository, ProbeArchive));
        var makeStanza = await ReadMirrorStanzaAsync("make");
        Directory.CreateDirectory(Path.Combine(repository, "x86_64"));
        await File.WriteAllTextAsync(
            Path.Combine(repository, "x86_64", "setup.ini"),
            "release: cygwin\narch: x86_64\nsetup-timestamp: 1754092800\n\n" + makeStanza + "\n" + probeStanza);
        await File.WriteAllTextAsync(Path.Combine(repository, "winvmbuild.marker"), "WinVmBuild Cygwin repository\n");
        var iso = Path.Combine(folder, "repository.iso");
        await Xorriso.CreateImageAsync(repository, iso, "WINVMBUILD", CancellationToken.None);

        var answer = Path.Combine(folder, "testguest.cfg");
        await File.WriteAllTextAsync(answer, $"""
            # WinVmBuild test guest
            address 192.168.0.1/24
            mac 52:54:00:12:01:01
            root /cygwin
            archive {MakeArchive}
            archive {ProbeArchive}

            """);
        var floppy = Path.Combine(folder, "floppy.img");
        await Run("mformat", ["-C", "-f", "1440", "-i", floppy, "::"]);
        await Run("mcopy", ["-i", floppy, answer, "::/testguest.cfg"]);
        await Run("mcopy", ["-i", floppy, authorizedKeyPath, "::/authorized_keys"]);
        return new GuestInstallMedia(floppy, iso);
    }

    /// <summary>The bytes of one member of a tar.xz archive, as the host's tar reads them.</summary>
    public static async Task<byte[]> ReadMemberAsync(string archive, string member, string scratch)
    {
        var folder = Directory.CreateDirectory(Path.Combine(scratch, "member-" + Guid.NewGuid().ToString("N"))).FullName;
        await Run("tar", ["-xJf", archive, "-C", folder, member]);
        return await File.ReadAllBytesAsync(Path.Combine(folder, member));
    }

    private static async Task<string> BuildProbePackageAsync(string folder, string archive)
    {
        var content = Path.Combine(folder, "probe", "usr", "bin");
        Directory.CreateDirectory(content);
        File.Copy("/usr/bin/seq", Path.Combine(content, ProbeProgram));
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        await Run("tar", ["-cJf", archive, "-C", Path.Combine(folder, "probe"), "usr"]);
        var bytes = await File.ReadAllBytesAsync(archive);
        return $"""
            @ {ProbeProgram}
            sdesc: "seq from the host, renamed: proves that an installed program runs"
            category: Base
            version: 1.0-1
            install: {ProbeArchive} {bytes.Length} {Convert.ToHexStringLower(SHA512.HashData(bytes))}

            """;
    }

    /// <summary>The stanza of <paramref name="package"/> in the fixtures' real setup.ini, up to its first [prev].</summary>
    private static async Task<string> ReadMirrorStanzaAsync(string package)
    {
        var setup = await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("xz", ["-dc", Path.Combine(TestPaths.CygwinMirror, "x86_64", "setup.xz")]), CancellationToken.None);
        var text = setup.StandardOutput;
        var start = text.IndexOf($"\n@ {package}\n", StringComparison.Ordinal) + 1;
        var end = text.IndexOf("\n[prev]", start, StringComparison.Ordinal);
        return text[start..end] + "\n";
    }

    private static Task<ProcessResult> Run(string program, IReadOnlyList<string> arguments) =>
        ProcessRunner.RunCheckedAsync(new ProcessSpec(program, arguments), CancellationToken.None);
}
