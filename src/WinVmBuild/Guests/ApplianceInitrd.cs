using System.Reflection;
using WinVmBuild.Diagnostics;
using WinVmBuild.Vm;

namespace WinVmBuild.Guests;

/// <summary>
/// The initrd shared by the controller VM and the test guest: busybox-static (the init installs its
/// applets), the kernel modules in load order (listed in <c>/etc/winvmbuild/modules</c>), and an
/// <c>/init</c> script embedded next to the class that uses it.
/// </summary>
public static class ApplianceInitrd
{
    public const string BusyboxPath = "/usr/bin/busybox";

    /// <summary>The list the init loads with insmod, one path (relative to the modules folder) a line.</summary>
    public const string ModuleListPath = "/etc/winvmbuild/modules";

    public static Initrd Create(HostKernel kernel, IEnumerable<string> modules, string initScriptResource)
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new WinVmException(
                ErrorCodes.HostToolMissing,
                $"'{BusyboxPath}' is missing (Debian package 'busybox-static'). Run build/install-deps.sh, or install it yourself.");
        }

        var initrd = new Initrd()
            .AddText("/init", ReadScript(initScriptResource), 0b111_101_101)
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
