using WinVmBuild.Host;
using WinVmBuild.Network;

namespace WinVmBuild.Tests.Network;

[TestClass]
[RequiresHostPackages]
public sealed class SambaConfigurationTests
{
    [TestMethod]
    public async Task Samba_reads_it_as_one_account_no_guests_mandatory_signing_and_every_share_at_its_host_path()
    {
        var scratch = TestPaths.NewScratchFolder("smb");
        var folder = Path.Combine(scratch, "samba");
        var src = Directory.CreateDirectory(Path.Combine(scratch, "src dir")).FullName;
        var shares = new[] { new SharedFolder("src", src, readOnly: true), new SharedFolder("out", scratch, readOnly: false) };
        var server = SambaServer.Prepare(folder, shares, SmbDialect.Smb3);
        var generated = await File.ReadAllTextAsync(server.ConfigurationFile);

        // testparm is Samba's own reader: it prints the configuration it understood, without defaults.
        var parsed = (await ProcessRunner.RunCheckedAsync(new ProcessSpec("testparm", ["-s", server.ConfigurationFile]), CancellationToken.None)).StandardOutput;

        StringAssert.Contains(parsed, $"passdb backend = tdbsam:{folder}/private/passdb.tdb");
        StringAssert.Contains(parsed, "restrict anonymous = 2");
        StringAssert.Contains(parsed, "server signing = required");
        StringAssert.Contains(parsed, "server min protocol = SMB3_00");
        StringAssert.Contains(parsed, "server multi channel support = No");
        StringAssert.Contains(parsed, "durable handles = No");
        StringAssert.Contains(parsed, "interfaces = 127.0.0.1");
        StringAssert.Contains(parsed, $"lock directory = {folder}/lock");
        StringAssert.Contains(parsed, $"[src]\n\tpath = {src}\n\tvalid users = {server.Account.User}");
        StringAssert.Contains(parsed, $"[out]\n\tpath = {scratch}\n\tread only = No\n\tvalid users = {server.Account.User}");
        StringAssert.Contains(generated, "map to guest = Never");
        Assert.DoesNotContain(server.Account.Password, parsed);
    }

    [TestMethod]
    public void The_oldest_dialect_served_is_the_guests_and_only_XP_gets_NTLMv1()
    {
        string Generate(SmbDialect dialect) => SambaConfiguration.Generate("/w", new SambaAccount("builder", "secret"), [], dialect);

        StringAssert.Contains(Generate(SmbDialect.Smb21), "server min protocol = SMB2_10");
        StringAssert.Contains(Generate(SmbDialect.Smb202), "server min protocol = SMB2_02");
        StringAssert.Contains(Generate(SmbDialect.Nt1), "server min protocol = NT1");
        StringAssert.Contains(Generate(SmbDialect.Nt1), "ntlm auth = ntlmv1-permitted");
        Assert.DoesNotContain("ntlm auth", Generate(SmbDialect.Smb21));
    }

    [TestMethod]
    public void A_folder_samba_cannot_serve_is_refused()
    {
        var folder = Directory.CreateDirectory(Path.Combine(TestPaths.NewScratchFolder("smb-bad"), "100%")).FullName;

        var error = Assert.ThrowsExactly<WinVmBuild.Diagnostics.WinVmException>(() => new SharedFolder("p", folder, readOnly: false));

        Assert.AreEqual(WinVmBuild.Diagnostics.ErrorCodes.InvalidShareName, error.Code);
    }
}
