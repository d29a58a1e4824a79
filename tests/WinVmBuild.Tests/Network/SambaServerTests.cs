using WinVmBuild.Diagnostics;
using WinVmBuild.Network;

namespace WinVmBuild.Tests.Network;

[TestClass]
[RequiresHostPackages]
public sealed class SambaServerTests
{
    [TestMethod]
    public async Task Prepared_it_has_an_owner_only_folder_an_account_of_this_user_and_a_command_for_qemu()
    {
        var folder = Path.Combine(TestPaths.NewScratchFolder("samba"), "samba");
        var share = TestPaths.NewScratchFolder("samba-share");

        var server = SambaServer.Prepare(folder, [new SharedFolder("work", share, readOnly: false)], SmbDialect.Smb3);
        await server.AddAccountAsync(CancellationToken.None);

        Assert.AreEqual(Environment.UserName, server.Account.User);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.IsTrue(File.Exists(Path.Combine(folder, "private", "passdb.tdb")), "pdbedit wrote the passdb in the session's folder");
        Assert.AreEqual($"'/usr/sbin/smbd' -l '{folder}/log' -s '{folder}/smb.conf'", server.Command);
        Assert.DoesNotContain(server.Account.Password, server.Command);
        Assert.DoesNotContain(server.Account.Password, server.Account.ToString());
    }

    [TestMethod]
    public void A_missing_smbd_is_WVB0357_naming_the_package()
    {
        var folder = TestPaths.NewScratchFolder("samba-missing");

        var error = Assert.ThrowsExactly<WinVmException>(() => SambaServer.Prepare(folder, [], SmbDialect.Smb3, Path.Combine(folder, "no-smbd")));

        Assert.AreEqual(ErrorCodes.ShareServerFailed, error.Code);
        StringAssert.Contains(error.Message, "'samba'");
    }

    [TestMethod]
    public void A_session_folder_too_deep_for_smbds_sockets_is_WVB0357_before_smbd_runs()
    {
        var folder = Path.Combine(TestPaths.NewScratchFolder("samba-deep"), new string('d', 100));

        var error = Assert.ThrowsExactly<WinVmException>(() => SambaServer.Prepare(folder, [], SmbDialect.Smb3));

        Assert.AreEqual(ErrorCodes.ShareServerFailed, error.Code);
        StringAssert.Contains(error.Message, "too deep for smbd's sockets");
        Assert.IsFalse(Directory.Exists(folder));
    }
}
