using WinVmBuild.Diagnostics;

namespace WinVmBuild.Vm;

/// <summary>
/// A kernel's module index (<c>modules.dep</c>, <c>modules.builtin</c>, <c>modules.softdep</c>), to put the
/// modules an appliance needs into its initrd in an order in which <c>insmod</c> can load them.
/// </summary>
public sealed class KernelModules
{
    private readonly string _directory;
    private readonly Dictionary<string, (string Path, string[] Dependencies)> _modules = new();
    private readonly HashSet<string> _builtin = new();
    private readonly Dictionary<string, string[]> _softPredecessors = new();

    private KernelModules(string directory)
    {
        _directory = directory;
    }

    public static KernelModules Load(HostKernel kernel)
    {
        var index = new KernelModules(kernel.ModulesDirectory);
        foreach (var line in File.ReadLines(Path.Combine(kernel.ModulesDirectory, "modules.dep")))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                var path = line[..colon];
                index._modules[NameOf(path)] = (path, line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        var builtin = Path.Combine(kernel.ModulesDirectory, "modules.builtin");
        if (File.Exists(builtin))
        {
            index._builtin.UnionWith(File.ReadLines(builtin).Select(NameOf));
        }

        var softdep = Path.Combine(kernel.ModulesDirectory, "modules.softdep");
        if (File.Exists(softdep))
        {
            foreach (var words in File.ReadLines(softdep).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                // "softdep cifs pre: ccm gcm post: ..." — only "pre:" modules must be loaded first.
                if (words.Length > 2 && words[0] == "softdep")
                {
                    index._softPredecessors[Normalize(words[1])] = words.Skip(2)
                        .SkipWhile(word => word != "pre:").Skip(1).TakeWhile(word => !word.EndsWith(':'))
                        .ToArray();
                }
            }
        }

        return index;
    }

    /// <summary>
    /// The module files (paths relative to the modules folder) to load, each after everything it needs, for
    /// <paramref name="names"/> and their hard and "pre:" soft dependencies. Built-in modules need no file.
    /// A soft dependency this kernel lacks is skipped, as modprobe does; a named module it lacks is an error.
    /// </summary>
    public IReadOnlyList<string> ResolveLoadOrder(IEnumerable<string> names)
    {
        var order = new List<string>();
        var visited = new HashSet<string>();
        foreach (var name in names)
        {
            Visit(Normalize(name), required: true, order, visited);
        }

        return order;
    }

    /// <summary>The absolute path of a module file returned by <see cref="ResolveLoadOrder"/>.</summary>
    public string FullPath(string modulePath) => Path.Combine(_directory, modulePath);

    private void Visit(string name, bool required, List<string> order, HashSet<string> visited)
    {
        if (!visited.Add(name) || _builtin.Contains(name))
        {
            return;
        }

        if (!_modules.TryGetValue(name, out var module))
        {
            if (required)
            {
                throw new WinVmException(
                    ErrorCodes.KernelModuleNotFound,
                    $"The kernel module '{name}' is neither in {Path.Combine(_directory, "modules.dep")} nor built in.");
            }

            return;
        }

        foreach (var predecessor in _softPredecessors.GetValueOrDefault(name, []))
        {
            Visit(Normalize(predecessor), required: false, order, visited);
        }

        // modules.dep lists the deepest dependency last: load in reverse.
        foreach (var dependency in Enumerable.Reverse(module.Dependencies))
        {
            Visit(NameOf(dependency), required: true, order, visited);
        }

        order.Add(module.Path);
    }

    private static string NameOf(string modulePath)
    {
        var file = Path.GetFileName(modulePath);
        return Normalize(file[..file.IndexOf(".ko", StringComparison.Ordinal)]);
    }

    private static string Normalize(string name) => name.Replace('-', '_');
}
