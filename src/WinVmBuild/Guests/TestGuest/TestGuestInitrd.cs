using System.Reflection;
using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Guests.TestGuest;

/// <summary>
/// The base of the test guest's initrd: busybox-static (the init installs its applets), the kernel modules in load
/// order (listed in <c>/etc/winvmbuild/modules</c>), and the <c>/init</c> script embedded beside this class.
/// </summary>
public static class TestGuestInitrd
{
    public const string BusyboxPath = "/usr/bin/busybox";

    /// <summary>The list the init loads with insmod, one path (relative to the modules folder) a line.</summary>
    public const string ModuleListPath = "/etc/winvmbuild/modules";

    /// <summary>The init script's resource name.</summary>
    public const string InitScript = "testguest-init.sh";

    public static Initrd Create(HostKernel kernel, IEnumerable<string> modules)
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new WinVmException(
                ErrorCodes.HostToolMissing,
                $"'{BusyboxPath}' is missing (Debian package 'busybox-static'). Run build/install-deps.sh, or install it yourself.");
        }

        var initrd = new Initrd()
            .AddText("/init", ReadScript(InitScript), 0b111_101_101)
            .AddHostFile("/bin/busybox", BusyboxPath)
            .AddSymbolicLink("/bin/sh", "busybox")
            .AddDirectory("/proc")
            .AddDirectory("/sys")
            .AddDirectory("/dev");
        var index = KernelModules.Load(kernel);
        var order = index.ResolveLoadOrder(modules);
        foreach (var module in order)
        {
            initrd.AddHostFile($"/lib/modules/{module}", index.FullPath(module));
        }

        return initrd.AddText(ModuleListPath, string.Concat(order.Select(module => module + "\n")));
    }

    /// <summary>A shell script embedded in this assembly under its file name.</summary>
    public static string ReadScript(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The script resource '{resourceName}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
