using WinVmBuild.Cygwin;

namespace WinVmBuild.Tests.Cygwin;

[TestClass]
public sealed class EvrTests
{
    [TestMethod]
    [DataRow("1.0-1", "1.0-2", -1)]
    [DataRow("1.10-1", "1.9-1", 1)]
    [DataRow("1.0~rc1-1", "1.0-1", -1)]
    [DataRow("1.0-1", "1.0^git1-1", -1)]
    [DataRow("1:0.5-1", "2.0-1", 1)]
    [DataRow("9.9p1-1", "9.9-1", 1)]
    [DataRow("1.0a-1", "1.0.1-1", -1)]
    [DataRow("001091-1", "1091-1", 0)]
    [DataRow("2.3.0-0.3", "2.2.1-1", 1)]
    public void Versions_compare_as_rpm_does(string left, string right, int expected)
    {
        Assert.AreEqual(expected, Math.Sign(Evr.Parse(left).CompareTo(Evr.Parse(right))));
        Assert.AreEqual(-expected, Math.Sign(Evr.Parse(right).CompareTo(Evr.Parse(left))));
    }

    [TestMethod]
    public void A_bound_without_release_compares_the_version_only()
    {
        var version = Evr.Parse("6.0-3");

        Assert.IsTrue(new Dependency("x", VersionOperator.Equal, Evr.Parse("6.0")).AcceptsVersion(version));
        Assert.IsTrue(new Dependency("x", VersionOperator.GreaterOrEqual, Evr.Parse("6.0")).AcceptsVersion(version));
        Assert.IsFalse(new Dependency("x", VersionOperator.Greater, Evr.Parse("6.0")).AcceptsVersion(version));
        Assert.IsFalse(new Dependency("x", VersionOperator.GreaterOrEqual, Evr.Parse("6.0-4")).AcceptsVersion(version));
        Assert.IsTrue(new Dependency("x", VersionOperator.Less, Evr.Parse("6.0-4")).AcceptsVersion(version));
    }
}
