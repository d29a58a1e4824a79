using WinVmBuild.Diagnostics;

namespace WinVmBuild.Vm;

/// <summary>
/// A Linux kernel with its modules, used to boot the test guest. By default the host's own
/// (<c>/boot/vmlinuz-&lt;version&gt;</c> with <c>/lib/modules/&lt;version&gt;</c>): its modules and the host's sshd and
/// busybox go into the test guest's initrd.
/// </summary>
public sealed record HostKernel(string Version, string KernelPath, string ModulesDirectory)
{
    /// <summary>
    /// Finds the kernel at <paramref name="kernelPath"/> (the <c>WinVmKernel</c> property) or, when it is empty,
    /// the newest <c>/boot/vmlinuz-*</c> whose modules are installed.
    /// </summary>
    public static HostKernel Find(string? kernelPath, string bootDirectory = "/boot", string modulesRoot = "/lib/modules")
    {
        if (!string.IsNullOrEmpty(kernelPath))
        {
            return FromKernelFile(kernelPath, modulesRoot);
        }

        var candidates = Directory.Exists(bootDirectory)
            ? Directory.GetFiles(bootDirectory, "vmlinuz-*")
                .Select(path => FromKernelFileOrNull(path, modulesRoot))
                .OfType<HostKernel>()
                .OrderByDescending(kernel => kernel.Version, VersionComparer.Instance)
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new WinVmException(
                ErrorCodes.KernelNotFound,
                $"No Linux kernel with modules was found ({bootDirectory}/vmlinuz-<version> with {modulesRoot}/<version>). " +
                "Install one (Debian: linux-image-amd64, as build/install-deps.sh does) or set WinVmKernel to a vmlinuz file.");
        }

        return EnsureReadable(candidates[0]);
    }

    private static HostKernel FromKernelFile(string kernelPath, string modulesRoot)
    {
        if (!File.Exists(kernelPath))
        {
            throw new WinVmException(ErrorCodes.KernelNotFound, $"The kernel '{kernelPath}' (WinVmKernel) does not exist.") { File = kernelPath };
        }

        return EnsureReadable(FromKernelFileOrNull(kernelPath, modulesRoot) ?? throw new WinVmException(
            ErrorCodes.KernelNotFound,
            $"The kernel '{kernelPath}' has no modules folder: expected {modulesRoot}/<version>/modules.dep with the version " +
            "taken from its file name (vmlinuz-<version>).") { File = kernelPath });
    }

    private static HostKernel? FromKernelFileOrNull(string kernelPath, string modulesRoot)
    {
        var version = Path.GetFileName(kernelPath)["vmlinuz-".Length..];
        var modules = Path.Combine(modulesRoot, version);
        return File.Exists(Path.Combine(modules, "modules.dep")) ? new HostKernel(version, Path.GetFullPath(kernelPath), modules) : null;
    }

    private static HostKernel EnsureReadable(HostKernel kernel)
    {
        try
        {
            using var _ = File.OpenRead(kernel.KernelPath);
        }
        catch (UnauthorizedAccessException)
        {
            throw new WinVmException(
                ErrorCodes.KernelUnreadable,
                $"The kernel '{kernel.KernelPath}' cannot be read by this user (Ubuntu installs it with mode 0600). " +
                $"Run 'sudo chmod 0644 {kernel.KernelPath}' (and again after kernel updates), or set WinVmKernel to a readable copy.")
            { File = kernel.KernelPath };
        }

        return kernel;
    }

    /// <summary>Orders kernel versions such as 6.1.0-9-amd64 and 6.1.0-56-amd64 by their numbers.</summary>
    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = Numbers(x!);
            var right = Numbers(y!);
            for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
            {
                if (left[i] != right[i])
                {
                    return left[i].CompareTo(right[i]);
                }
            }

            return left.Length.CompareTo(right.Length);
        }

        private static long[] Numbers(string version) =>
            version.Split(['.', '-', '_', '+'])
                .Select(part => long.TryParse(part, out var number) ? number : -1)
                .ToArray();
    }
}
