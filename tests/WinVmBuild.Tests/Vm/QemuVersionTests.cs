using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

[TestClass]
public sealed class QemuVersionTests
{
    [TestMethod]
    [DataRow("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) 2003-2022", "7.2", "7.2.22")]
    [DataRow("QEMU emulator version 9.0.0\n", "9.0", "9.0.0")]
    [DataRow("QEMU emulator version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1.4)", "8.2", "8.2.2")]
    public void The_version_line_gives_major_minor_and_the_full_version(string output, string majorMinor, string full)
    {
        var version = QemuVersion.Parse(output);

        Assert.AreEqual(majorMinor, version.MajorMinor);
        Assert.AreEqual(full, version.Full);
    }
}
