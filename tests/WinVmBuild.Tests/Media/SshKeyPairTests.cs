using WinVmBuild.Host;
using WinVmBuild.Media;

namespace WinVmBuild.Tests.Media;

[TestClass]
[RequiresHostPackages]
public sealed class SshKeyPairTests
{
    [TestMethod]
    public async Task A_new_pair_is_ed25519_with_a_private_key_only_its_owner_reads()
    {
        var folder = TestPaths.NewScratchFolder("sshkey");
        var log = new RecordingLog();

        var pair = await SshKeyPair.CreateAsync(Path.Combine(folder, "id_ed25519"), "winvmbuild-test", log, CancellationToken.None);

        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pair.PrivateKeyFile));
        var publicKey = (await File.ReadAllTextAsync(pair.PublicKeyFile)).Trim();
        StringAssert.StartsWith(publicKey, "ssh-ed25519 ");
        StringAssert.EndsWith(publicKey, " winvmbuild-test");
        // ssh-keygen derives the public key from the private one: the two files are one pair.
        var derived = await ProcessRunner.RunCheckedAsync(new ProcessSpec("ssh-keygen", ["-y", "-f", pair.PrivateKeyFile]), CancellationToken.None);
        Assert.AreEqual(publicKey.Split(' ')[1], derived.StandardOutput.Trim().Split(' ')[1]);
        Assert.IsTrue(await SshPublicKey.ReadAsync(pair.PublicKeyFile, CancellationToken.None) is { Length: > 0 });
        CollectionAssert.AreEquivalent(new[] { "id_ed25519", "id_ed25519.pub" }, Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task An_existing_pair_is_kept_and_a_half_pair_is_replaced()
    {
        var folder = TestPaths.NewScratchFolder("sshkey-reuse");
        var keyFile = Path.Combine(folder, "id_ed25519");
        var first = await SshKeyPair.CreateAsync(keyFile, "c", new RecordingLog(), CancellationToken.None);
        var firstPublic = await File.ReadAllTextAsync(first.PublicKeyFile);

        await SshKeyPair.CreateAsync(keyFile, "c", new RecordingLog(), CancellationToken.None);
        Assert.AreEqual(firstPublic, await File.ReadAllTextAsync(first.PublicKeyFile), "an existing pair is reused");

        File.Delete(first.PublicKeyFile);
        await SshKeyPair.CreateAsync(keyFile, "c", new RecordingLog(), CancellationToken.None);
        Assert.AreNotEqual(firstPublic, await File.ReadAllTextAsync(first.PublicKeyFile), "a lone private key is replaced by a new pair");
    }

    [TestMethod]
    public async Task Each_base_image_gets_its_own_key()
    {
        var one = await SshKeyPair.CreateAsync(Path.Combine(TestPaths.NewScratchFolder("key-a"), "id"), "c", new RecordingLog(), CancellationToken.None);
        var two = await SshKeyPair.CreateAsync(Path.Combine(TestPaths.NewScratchFolder("key-b"), "id"), "c", new RecordingLog(), CancellationToken.None);

        Assert.AreNotEqual(await File.ReadAllTextAsync(one.PublicKeyFile), await File.ReadAllTextAsync(two.PublicKeyFile));
    }
}
