using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

[TestClass]
public sealed class AcceleratorTests
{
    private string _scratch = null!;
    private string _usableDevice = null!;

    [TestInitialize]
    public void CreateFiles()
    {
        _scratch = TestPaths.NewScratchFolder("accelerator");
        // A writable file stands in for /dev/kvm: the real one must never be opened on this machine.
        _usableDevice = Path.Combine(_scratch, "kvm");
        File.WriteAllText(_usableDevice, string.Empty);
    }

    [TestMethod]
    public void Auto_uses_kvm_when_the_cpu_has_vmx_and_the_device_opens()
    {
        var log = new RecordingLog();
        Assert.AreEqual(AcceleratorKind.Kvm, Accelerator.Resolve(AcceleratorChoice.Auto, log, _usableDevice, CpuInfo("fpu vme vmx sse")));
        Assert.AreEqual(AcceleratorKind.Kvm, Accelerator.Resolve(AcceleratorChoice.Auto, log, _usableDevice, CpuInfo("fpu svm")));
        Assert.AreEqual(0, log.Warnings.Count);
    }

    [TestMethod]
    public void Auto_falls_back_to_tcg_with_a_warning_naming_the_missing_cpu_flag()
    {
        var log = new RecordingLog();
        Assert.AreEqual(AcceleratorKind.Tcg, Accelerator.Resolve(AcceleratorChoice.Auto, log, _usableDevice, CpuInfo("fpu vme sse vmxnet")));
        Assert.AreEqual(ErrorCodes.KvmUnavailable, log.Warnings.Single().Code);
        StringAssert.Contains(log.Warnings[0].Text, "no vmx or svm flag");
        StringAssert.Contains(log.Warnings[0].Text, "slower");
    }

    [TestMethod]
    public void Auto_falls_back_to_tcg_with_a_warning_naming_the_device()
    {
        var log = new RecordingLog();
        var missing = Path.Combine(_scratch, "no-kvm");
        Assert.AreEqual(AcceleratorKind.Tcg, Accelerator.Resolve(AcceleratorChoice.Auto, log, missing, CpuInfo("vmx")));
        StringAssert.Contains(log.Warnings.Single().Text, missing);
    }

    [TestMethod]
    public void Tcg_is_used_when_asked_without_looking_or_warning()
    {
        var log = new RecordingLog();
        Assert.AreEqual(AcceleratorKind.Tcg, Accelerator.Resolve(AcceleratorChoice.Tcg, log, _usableDevice, CpuInfo("vmx")));
        Assert.AreEqual(0, log.Warnings.Count);
    }

    [TestMethod]
    public void Kvm_asked_for_but_unusable_is_an_error()
    {
        var error = Assert.ThrowsExactly<WinVmException>(
            () => Accelerator.Resolve(AcceleratorChoice.Kvm, NullBuildLog.Instance, _usableDevice, CpuInfo("fpu")));
        Assert.AreEqual(ErrorCodes.KvmRequestedButUnusable, error.Code);
    }

    private string CpuInfo(string flags)
    {
        var path = Path.Combine(_scratch, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, $"processor\t: 0\nflags\t\t: {flags}\n\nprocessor\t: 1\nflags\t\t: {flags}\n");
        return path;
    }
}
