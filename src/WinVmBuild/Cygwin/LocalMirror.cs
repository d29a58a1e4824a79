using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Cygwin;

/// <summary>
/// Writes a folder laid out as a Cygwin mirror from host files: <c>x86_64/release/&lt;name&gt;/&lt;name&gt;-&lt;version&gt;.tar.xz</c>
/// (reproducible tar: sorted names, time 0, owner root) and <c>x86_64/setup.ini</c> listing them with size and
/// SHA-512 (<c>x86/…</c> for 32-bit Cygwin). The test guest and the README sample install real programs through the real pipeline with it, offline.
/// </summary>
public static class LocalMirror
{
    /// <summary>Writes the mirror of 64-bit Cygwin and returns the path of its setup.ini.</summary>
    public static Task<string> WriteAsync(string folder, IReadOnlyList<MirrorPackage> packages, CancellationToken cancellationToken) =>
        WriteAsync(folder, CygwinArchitecture.X86_64, packages, cancellationToken);

    /// <summary>
    /// Writes the mirror of <paramref name="architecture"/>'s Cygwin (x86 for XP and Server 2003), laid out under its
    /// folder (<c>x86/release/…</c>, <c>x86/setup.ini</c>), and returns the path of its setup.ini.
    /// </summary>
    public static async Task<string> WriteAsync(
        string folder, CygwinArchitecture architecture, IReadOnlyList<MirrorPackage> packages, CancellationToken cancellationToken)
    {
        var arch = architecture.Folder();
        var stanzas = new List<string>();
        foreach (var package in packages.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            Check(package);
            var installPath = $"{arch}/release/{package.Name}/{package.Name}-{package.Version}.tar.xz";
            var archive = Path.Combine(folder, installPath);
            await AtomicPublish.FileAsync(archive, temporary => PackAsync(package, temporary, cancellationToken)).ConfigureAwait(false);
            stanzas.Add(Stanza(package, installPath, archive));
        }

        // setup-minimum-version is ignored by setups older than 2.890 (calm's comment on it), such as XP's 2.874.
        var header = "# Written by WinVmBuild (CreateCygwinMirror) from host files.\n" +
            $"release: winvmbuild\narch: {arch}\nsetup-timestamp: 0\nsetup-minimum-version: 2.903\n\n";
        var setupIni = Path.Combine(folder, arch, "setup.ini");
        await AtomicPublish.FileAsync(setupIni, temporary =>
            File.WriteAllTextAsync(temporary, header + string.Join("\n\n", stanzas) + "\n", cancellationToken)).ConfigureAwait(false);
        return setupIni;
    }

    private static void Check(MirrorPackage package)
    {
        string? problem = null;
        if (package.Name.Length == 0 || package.Name.Any(c => char.IsWhiteSpace(c) || c is '/' or ','))
        {
            problem = "its name is empty or has a space, '/' or ','";
        }
        else if (package.Version.Length == 0 || package.Version.Any(char.IsWhiteSpace))
        {
            problem = "it has no Version (or one with spaces)";
        }
        else if (package.Files.Count == 0)
        {
            problem = "it has no Files";
        }
        else if (package.Files.FirstOrDefault(f => !File.Exists(f.SourcePath)) is { } missing)
        {
            problem = $"its host file '{missing.SourcePath}' does not exist";
        }
        else if (package.Files.FirstOrDefault(f => f.TargetPath.Length == 0 || f.TargetPath.StartsWith('/') || f.TargetPath.Split('/').Contains("..")) is { } bad)
        {
            problem = $"'{bad.TargetPath}' is not a relative path inside the package (like 'usr/bin/make')";
        }

        if (problem is not null)
        {
            throw new WinVmException(ErrorCodes.CygwinMirrorPackageInvalid, $"Cannot put package '{package.Name}' on the local Cygwin mirror: {problem}.");
        }
    }

    private static async Task PackAsync(MirrorPackage package, string archive, CancellationToken cancellationToken)
    {
        var staging = AtomicPublish.TemporaryPathFor(archive + ".files");
        try
        {
            foreach (var file in package.Files)
            {
                var target = Path.Combine(staging, file.TargetPath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file.SourcePath, target, overwrite: true); // keeps the mode: executables stay executable
            }

            var topLevel = Directory.EnumerateFileSystemEntries(staging).Select(Path.GetFileName).Order(StringComparer.Ordinal).Cast<string>();
            await ProcessRunner.RunCheckedAsync(
                new ProcessSpec(
                    "tar",
                    ["--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner", "--xz", "-cf", archive, "-C", staging, .. topLevel])
                {
                    DebianPackage = "tar",

                    // One xz thread: multi-threaded xz writes different bytes, and the archive must be reproducible.
                    Environment = new Dictionary<string, string> { ["XZ_OPT"] = "-T1" },
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static string Stanza(MirrorPackage package, string installPath, string archive)
    {
        // setup.ini quotes have no escape: a quote inside a description would end it early.
        var summary = (package.Summary.Length == 0 ? package.Name : package.Summary).Replace('"', '\'');
        var sha512 = Convert.ToHexString(SHA512.HashData(File.ReadAllBytes(archive))).ToLowerInvariant();
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"@ {package.Name}\n")
            .Append(CultureInfo.InvariantCulture, $"sdesc: \"{summary}\"\n")
            .Append(CultureInfo.InvariantCulture, $"ldesc: \"{summary}\"\n")
            .Append(CultureInfo.InvariantCulture, $"category: {package.Category}\n")
            .Append(CultureInfo.InvariantCulture, $"version: {package.Version}\n")
            .Append(CultureInfo.InvariantCulture, $"install: {installPath} {new FileInfo(archive).Length} {sha512}");
        if (package.Depends.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\ndepends2: {string.Join(", ", package.Depends)}");
        }

        return text.ToString();
    }
}
