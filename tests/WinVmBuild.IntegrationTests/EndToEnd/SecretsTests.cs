using System.Text;
using WinVmBuild.Cygwin;
using WinVmBuild.Host;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// The image's secrets (the generated administrator and sshd passwords, the private key, a product key) and the run's
/// Samba password appear in no log, at the most detailed verbosity and in a binary log; in no file that others can
/// read (the cache, the project, the session registry); in no command line or environment of any process while the
/// build runs; in no file of the build's <c>TMPDIR</c>; and in none of the diagnostics a failed stage keeps.
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
        var temporary = TestPaths.NewScratchFolder("secrets-tmp");
        var (pdbedit, sambaPasswords) = SambaPasswordCapture();
        var project = await TestGuestProject.StandaloneAsync(
            "secrets", "ls /mnt/tools &amp;&amp; make", "unused\n", $"""<ItemGroup><WinVmShare Include="{share}" Name="tools" /></ItemGroup>""");
        var environment = new Dictionary<string, string> { ["TMPDIR"] = temporary, ["PATH"] = $"{pdbedit}:{Environment.GetEnvironmentVariable("PATH")}" };

        string output, replayed;
        ProcessResult failed;
        var sightings = HostSightings.Start(temporary);
        await using (sightings)
        {
            (output, replayed) = await BuildWithLogsAsync(project, environment, $"-p:WinVmCacheDir={cache}");

            // A run whose guest stops under its command: the stage fails, and keeps the guest's console and screen.
            failed = await SdkPackage.RunDotnetAsync(
                project.Folder, ["build", $"-p:WinVmCacheDir={cache}", "-p:WinVmCommand=ls /mnt/tools && poweroff -f"], environment);
        }

        StringAssert.Contains(output, BuildAssert.RunLine);
        StringAssert.Contains(failed.StandardOutput, "error WVB0356");
        var diagnostics = Path.Combine(cache, "diagnostics");
        Assert.IsTrue(Directory.EnumerateFiles(diagnostics, "console.log", SearchOption.AllDirectories).Any(), "the failed run kept its diagnostics");
        var media = Directory.GetDirectories(Path.Combine(cache, MediaStage.Name)).Single();
        var secrets = InstallSecrets.Read(Path.Combine(media, InstallSecrets.FileName));
        // The key file's base64 lines after the first, which holds the public key: the private key's own bytes.
        var privateKey = File.ReadAllLines(Path.Combine(media, "id_ed25519")).Where(line => !line.StartsWith('-')).Skip(1);
        var shareAccounts = File.ReadAllLines(sambaPasswords).Where(line => line.Length > 0).Distinct().ToList();
        Assert.HasCount(2, shareAccounts, "each run serves its share with a password of its own");
        string[] all = [secrets.AdminPassword, secrets.SshdPassword, .. privateKey, .. shareAccounts];

        var found = new List<string>(await FindAsync(all, output + failed.StandardOutput + failed.StandardError, replayed, cache, project.Folder, TestPaths.Sessions));
        found.AddRange(sightings.Find(all));
        foreach (var file in Directory.EnumerateFiles(diagnostics, "*", SearchOption.AllDirectories))
        {
            found.AddRange((await ContainsAnyAsync(file, all)).Select(secret => $"'{secret}' is in the kept diagnostics {file}"));
        }

        Assert.IsEmpty(found, string.Join('\n', found));
    }

    /// <summary>
    /// A folder holding a <c>pdbedit</c> that passes what it reads (the share account's password, twice) on to the real
    /// one and appends it to a file only the test reads: with the folder first on a build's PATH, the file holds the
    /// real password of every run that serves shares. Returns the folder and the file.
    /// </summary>
    private static (string Folder, string Passwords) SambaPasswordCapture()
    {
        var folder = TestPaths.NewScratchFolder("pdbedit-capture");
        var passwords = Path.Combine(folder, "passwords");
        File.Create(passwords, 0, FileOptions.None).Dispose();
        File.SetUnixFileMode(passwords, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var pdbedit = Path.Combine(folder, "pdbedit");
        File.WriteAllText(pdbedit, $"#!/bin/sh\ntee -a '{passwords}' | /usr/bin/pdbedit \"$@\"\n");
        File.SetUnixFileMode(pdbedit, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (folder, passwords);
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
            project, null, "-t:WinVmPrepareMedia", $"-p:WinVmCacheDir={cache}", $"-p:WinVmIso={iso}", $"-p:WinVmCygwinSetupExe={setup}",
            $"-p:WinVmProductKeyFile={keyFile}", $"-p:WinVmCygwinMirror={new Uri(mirror + "/").AbsoluteUri}");

        var found = await FindAsync([ProductKey], output, replayed, cache, project.Folder, TestPaths.Sessions);
        Assert.IsEmpty(found, string.Join('\n', found));
        var media = new MediaEntry(Directory.GetDirectories(Path.Combine(cache, MediaStage.Name)).Single(), MediaKind.Cd);
        Assert.AreEqual(PrivateFile.Mode, File.GetUnixFileMode(media.AnswerMedia), "the answer medium holds the product key");
    }

    /// <summary>
    /// Builds at diagnostic verbosity with a binary log, with <paramref name="environment"/> added to the build's;
    /// returns the console output and the binary log replayed as text.
    /// </summary>
    private static async Task<(string Output, string Replayed)> BuildWithLogsAsync(
        SdkTestProject project, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var binlog = Path.Combine(project.Folder, "build.binlog");
        var build = await SdkPackage.RunDotnetAsync(
            project.Folder, ["build", .. arguments, "-v:diag", $"-bl:{binlog}"], environment ?? new Dictionary<string, string>());
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
