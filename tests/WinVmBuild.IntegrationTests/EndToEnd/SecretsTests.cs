using System.Text;
using WinVmBuild.Cygwin;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// The image's secrets (the generated administrator and sshd passwords, the private key, a product key) and the run's
/// Samba password appear in no log, at the most detailed verbosity and in a binary log, and in no file that others
/// can read: the cache, the project, the session registry.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed class SecretsTests
{
    [TestMethod]
    public async Task A_whole_build_at_diagnostic_verbosity_shows_no_password_and_no_private_key_anywhere()
    {
        var cache = TestPaths.NewScratchFolder("secrets-cache");
        var share = TestPaths.NewScratchFolder("secrets-share");
        var project = await TestGuestProject.StandaloneAsync(
            "secrets", "ls /mnt/tools &amp;&amp; make", "unused\n", $"""<ItemGroup><WinVmShare Include="{share}" Name="tools" /></ItemGroup>""");

        var (output, replayed) = await BuildWithLogsAsync(project, $"-p:WinVmCacheDir={cache}");

        var media = Directory.GetDirectories(Path.Combine(cache, MediaStage.Name)).Single();
        var secrets = InstallSecrets.Read(Path.Combine(media, InstallSecrets.FileName));
        // The key file's base64 lines after the first, which holds the public key: the private key's own bytes.
        var privateKey = File.ReadAllLines(Path.Combine(media, "id_ed25519")).Where(line => !line.StartsWith('-')).Skip(1);
        var found = await FindAsync(
            [secrets.AdminPassword, secrets.SshdPassword, .. privateKey, "share_password"], output, replayed, cache, project.Folder, TestPaths.Sessions);

        Assert.IsEmpty(found, string.Join('\n', found));
        StringAssert.Contains(output, BuildAssert.RunLine);
    }

    [TestMethod]
    public async Task The_product_key_of_WinVmProductKeyFile_is_in_no_log_and_only_in_owner_only_media()
    {
        const string ProductKey = "W269N-WFGWX-YVC9B-4J6C9-T83GX"; // Microsoft's public generic key for Windows 10 Pro
        var cache = TestPaths.NewScratchFolder("product-key-cache");
        var inputs = TestPaths.NewScratchFolder("product-key-inputs");
        var keyFile = Path.Combine(inputs, "product.key");
        await File.WriteAllTextAsync(keyFile, ProductKey + "\n");
        var iso = await Testing.WindowsStandIn.CreateIsoAsync(inputs, Testing.StandInParts.Inert with { InstallImages = [Testing.StandInImage.Professional] });
        var setup = Testing.FakeWindowsProgram.Write(Path.Combine(inputs, "setup-x86_64.exe"), Testing.FakeWindowsProgram.X64);
        var mirror = TestPaths.NewScratchFolder("product-key-mirror");
        await LocalMirror.WriteAsync(
            mirror,
            [new MirrorPackage("openssh", "9.9p1-1", "Net", [], [new RepositoryFile("/usr/bin/ssh", "usr/bin/ssh.exe")]), Stages.TestGuestImage.HostMake],
            CancellationToken.None);
        var project = await TestGuestProject.StandaloneAsync("product-key", "make", "unused\n");
        var projectFile = Path.Combine(project.Folder, "Hello.proj");
        await File.WriteAllTextAsync(projectFile, (await File.ReadAllTextAsync(projectFile)).Replace("<WinVmGuest>test</WinVmGuest>", "<WinVmGuest>windows</WinVmGuest>"));

        var (output, replayed) = await BuildWithLogsAsync(
            project, "-t:WinVmPrepareMedia", $"-p:WinVmCacheDir={cache}", $"-p:WinVmIso={iso}", $"-p:WinVmCygwinSetupExe={setup}",
            $"-p:WinVmProductKeyFile={keyFile}", $"-p:WinVmCygwinMirror={new Uri(mirror + "/").AbsoluteUri}");

        var found = await FindAsync([ProductKey], output, replayed, cache, project.Folder, TestPaths.Sessions);
        Assert.IsEmpty(found, string.Join('\n', found));
        var media = new MediaEntry(Directory.GetDirectories(Path.Combine(cache, MediaStage.Name)).Single(), MediaKind.Cd);
        Assert.AreEqual(PrivateFile.Mode, File.GetUnixFileMode(media.AnswerMedia), "the answer medium holds the product key");
    }

    /// <summary>Builds at diagnostic verbosity with a binary log; returns the console output and the binary log replayed as text.</summary>
    private static async Task<(string Output, string Replayed)> BuildWithLogsAsync(SdkTestProject project, params string[] arguments)
    {
        var binlog = Path.Combine(project.Folder, "build.binlog");
        var build = await project.BuildAsync([.. arguments, "-v:diag", $"-bl:{binlog}"]);
        BuildAssert.Succeeded(build);
        var replay = Path.Combine(project.Folder, "replay.log");
        BuildAssert.Succeeded(await project.DotnetAsync("msbuild", binlog, "-noconlog", $"-flp:v=diag;logfile={replay}"));
        return (build.StandardOutput + build.StandardError, await File.ReadAllTextAsync(replay));
    }

    /// <summary>Where each secret shows: in the logs, or in a file under <paramref name="folders"/> that others can read.</summary>
    private static async Task<IReadOnlyList<string>> FindAsync(string[] secrets, string output, string replayed, params string[] folders)
    {
        var found = new List<string>();
        foreach (var secret in secrets)
        {
            if (output.Contains(secret, StringComparison.Ordinal))
            {
                found.Add($"'{secret}' is in the build's output");
            }

            if (replayed.Contains(secret, StringComparison.Ordinal))
            {
                found.Add($"'{secret}' is in the binary log");
            }
        }

        const UnixFileMode OthersRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        foreach (var file in folders.Where(Directory.Exists).SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)))
        {
            if ((File.GetUnixFileMode(file) & OthersRead) != 0 && new FileInfo(file).LinkTarget is null)
            {
                found.AddRange((await ContainsAnyAsync(file, secrets)).Select(secret => $"'{secret}' is in {file}, which others can read"));
            }
        }

        return found;
    }

    private static async Task<IReadOnlyList<string>> ContainsAnyAsync(string file, string[] secrets)
    {
        // Chunks that overlap by the longest secret, so that one across a boundary is found too.
        var patterns = secrets.Select(Encoding.UTF8.GetBytes).ToList();
        var overlap = patterns.Max(pattern => pattern.Length);
        var buffer = new byte[(1 << 22) + overlap];
        var kept = 0;
        var hits = new HashSet<string>();
        await using var stream = File.OpenRead(file);
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(kept, buffer.Length - kept))) > 0)
        {
            var window = buffer.AsSpan(0, kept + read);
            for (var i = 0; i < patterns.Count; i++)
            {
                if (window.IndexOf(patterns[i]) >= 0)
                {
                    hits.Add(secrets[i]);
                }
            }

            kept = Math.Min(overlap, window.Length);
            window[^kept..].CopyTo(buffer);
        }

        return [.. hits];
    }
}
