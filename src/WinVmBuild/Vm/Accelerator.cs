using WinVmBuild.Diagnostics;

namespace WinVmBuild.Vm;

/// <summary>
/// Decides between KVM and TCG (the <c>WinVmAccelerator</c> property: auto, kvm or tcg). KVM is used only when
/// the CPU has hardware virtualization (a <c>vmx</c> or <c>svm</c> flag) AND <c>/dev/kvm</c> opens for reading
/// and writing: on a CPU without the flag <c>/dev/kvm</c> may exist and still hang every VM.
/// </summary>
public static class Accelerator
{
    private const string Slower = "every VM runs under TCG (software emulation), many times slower: installing Windows takes hours, not minutes";

    /// <summary>Resolves <paramref name="choice"/> to the accelerator QEMU will use; a build probes once, before any stage.</summary>
    public static AcceleratorKind Resolve(
        AcceleratorChoice choice, IBuildLog log, string kvmDevice = "/dev/kvm", string cpuInfo = "/proc/cpuinfo")
    {
        if (choice == AcceleratorChoice.Tcg)
        {
            return AcceleratorKind.Tcg;
        }

        var problem = KvmProblem(kvmDevice, cpuInfo);
        if (problem is null)
        {
            return AcceleratorKind.Kvm;
        }

        if (choice == AcceleratorChoice.Kvm)
        {
            throw new WinVmException(
                ErrorCodes.KvmRequestedButUnusable,
                $"WinVmAccelerator is kvm, but KVM cannot be used: {problem}. Fix that, or set WinVmAccelerator to auto or tcg.");
        }

        log.Warning(ErrorCodes.KvmUnavailable, $"KVM cannot be used ({problem}), so {Slower}. Set WinVmAccelerator=tcg to silence this warning.");
        return AcceleratorKind.Tcg;
    }

    /// <summary>Why KVM cannot be used, or null when it can. The CPU is checked first so a hanging device is never opened.</summary>
    private static string? KvmProblem(string kvmDevice, string cpuInfo)
    {
        if (!CpuHasVirtualization(cpuInfo))
        {
            return $"the CPU has no vmx or svm flag in {cpuInfo} (virtualization disabled in the firmware, or a VM host without nested virtualization)";
        }

        try
        {
            using var device = new FileStream(kvmDevice, FileMode.Open, FileAccess.ReadWrite);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{kvmDevice} cannot be opened for reading and writing ({e.Message}; is the kvm module loaded and are you in the kvm group?)";
        }
    }

    private static bool CpuHasVirtualization(string cpuInfo)
    {
        if (!File.Exists(cpuInfo))
        {
            return false;
        }

        return File.ReadLines(cpuInfo)
            .Where(line => line.StartsWith("flags", StringComparison.Ordinal))
            .SelectMany(line => line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(flag => flag is "vmx" or "svm");
    }
}
