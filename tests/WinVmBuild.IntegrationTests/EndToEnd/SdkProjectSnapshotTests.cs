using System.Security.Cryptography;
using System.Text.RegularExpressions;
using WinVmBuild.Host;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// A large project (over 16 MB) gets a snapshot of its own, holding a copy of it: later builds send only what changed,
/// and the guest still sees exactly the project (edited, deleted, renamed files, a folder gone, a file become a folder,
/// an empty folder: the tree and every file's bytes checked against the host's); a project that changed past a quarter
/// of its bytes gets a new snapshot, and the old one leaves the cache.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed partial class SdkProjectSnapshotTests
{
    private const int Files = 200;
    private const int FileBytes = 100 * 1024;

    /// <summary>The project's tree and every file's bytes, as one line; the host computes the same (bin/ and obj/ change on every build).</summary>
    private const string Fingerprint =
        "echo \"tree $(find . ! -path './obj*' ! -path './bin*' | LC_ALL=C sort | md5sum | cut -c1-32)" +
        " bytes $(find . -type f ! -path './obj/*' ! -path './bin/*' | LC_ALL=C sort | xargs md5sum | md5sum | cut -c1-32)\"";

    [TestMethod]
    public async Task A_large_projects_builds_send_only_what_changed_and_the_guest_sees_exactly_the_project()
    {
        var project = await SdkTestProject.CreateAsync("project-snapshot", new Dictionary<string, string>
        {
            ["Large.proj"] = await TestGuestProject.StandaloneProjectAsync("sh fingerprint.sh"),
            ["fingerprint.sh"] = Fingerprint + "\n",
            ["old-name.h"] = "renamed\n",
            ["gone/deeper/b.txt"] = "b\n",
            ["becomes-folder"] = "a file first\n",
        });
        for (var file = 0; file < Files; file++)
        {
            await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(Path.Combine(project.Folder, "data", $"{file % 10}")).FullName, $"{file}.bin"), RandomNumberGenerator.GetBytes(FileBytes));
        }

        var first = await project.BuildAsync("-v:d");
        BuildAssert.Succeeded(first);
        StringAssert.Contains(first.StandardOutput, "WinVmBuild: project: taking a snapshot that holds the project");
        Assert.AreEqual(await HostFingerprintAsync(project), GuestFingerprint(first));

        await File.WriteAllBytesAsync(Path.Combine(project.Folder, "data", "3", "3.bin"), RandomNumberGenerator.GetBytes(FileBytes));
        File.Move(Path.Combine(project.Folder, "old-name.h"), Path.Combine(project.Folder, "new-name.h"));
        Directory.Delete(Path.Combine(project.Folder, "gone"), recursive: true);
        File.Delete(Path.Combine(project.Folder, "becomes-folder"));
        await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(Path.Combine(project.Folder, "becomes-folder")).FullName, "inside.txt"), "now a folder\n");
        Directory.CreateDirectory(Path.Combine(project.Folder, "empty"));
        var second = await project.BuildAsync("-v:d");

        BuildAssert.Succeeded(second);
        Assert.DoesNotContain("taking a snapshot that holds the project", second.StandardOutput, "the project's snapshot was reused");
        var delta = Delta().Match(second.StandardOutput);
        Assert.IsTrue(delta.Success, second.StandardOutput);
        Assert.IsLessThan(20, int.Parse(delta.Groups["sent"].Value), "only what changed (and obj/) is sent");
        Assert.AreEqual(await HostFingerprintAsync(project), GuestFingerprint(second));

        for (var file = 0; file < Files / 2; file++)
        {
            await File.WriteAllBytesAsync(Path.Combine(project.Folder, "data", $"{file % 10}", $"{file}.bin"), RandomNumberGenerator.GetBytes(FileBytes));
        }

        var third = await project.BuildAsync("-v:d");
        BuildAssert.Succeeded(third);
        StringAssert.Contains(third.StandardOutput, "taking a snapshot that holds the project", "half the project changed: a new snapshot");
        Assert.AreEqual(await HostFingerprintAsync(project), GuestFingerprint(third));
        Assert.HasCount(1, Directory.GetDirectories(Path.Combine(TestGuestProject.CacheDir, "project")).Where(folder => !Path.GetFileName(folder).StartsWith('.')).ToList(),
            "the old snapshot left the cache");
    }

    private static async Task<string> HostFingerprintAsync(SdkTestProject project)
    {
        var result = await ProcessRunner.RunCheckedAsync(new ProcessSpec("sh", ["-c", Fingerprint]) { WorkingDirectory = project.Folder }, CancellationToken.None);
        return result.StandardOutput.Trim();
    }

    private static string GuestFingerprint(ProcessResult build) =>
        build.StandardOutput.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("tree ", StringComparison.Ordinal));

    [GeneratedRegex(@"project: (?<sent>\d+) changed, (?<deleted>\d+) deleted since the project's snapshot")]
    private static partial Regex Delta();
}
