using WinVmBuild.Cache;
using WinVmBuild.Registry;

namespace WinVmBuild.Tests.Registry;

[TestClass]
public sealed class RegistryReferenceTests
{
    [TestMethod]
    [DataRow("ghcr.io/acme/winvm", "ghcr.io", "acme/winvm", false)]
    [DataRow("localhost:5000/winvm", "localhost:5000", "winvm", true)]
    [DataRow("127.0.0.1:41234/winvm/test", "127.0.0.1:41234", "winvm/test", true)]
    [DataRow("[::1]:5000/a/b-c/d_e", "[::1]:5000", "a/b-c/d_e", true)]
    [DataRow("registry.gitlab.com/group/project/winvm", "registry.gitlab.com", "group/project/winvm", false)]
    public void A_reference_is_a_host_and_a_repository(string text, string host, string repository, bool loopback)
    {
        var reference = RegistryReference.Parse(text);

        Assert.AreEqual(host, reference.Host);
        Assert.AreEqual(repository, reference.Repository);
        Assert.AreEqual(loopback, reference.IsLoopback);
        Assert.AreEqual(text, reference.ToString());
    }

    [TestMethod]
    public void An_entry_is_tagged_by_its_stage_and_key()
    {
        var reference = RegistryReference.Parse("ghcr.io/acme/winvm");

        Assert.AreEqual("ghcr.io/acme/winvm:suspend-0123abcd", reference.Tagged(RegistryCache.Tag(EntryKind.Suspend, "0123abcd")));
    }
}
