using System.Diagnostics;

namespace WinVmBuild.Testing;

/// <summary>
/// Runs a test class only where the Debian packages WinVmBuild runs on the host are installed (build/host-packages,
/// which build/install-deps.sh installs); elsewhere its tests are skipped, naming what is missing. Under CI=true they
/// always run: a skip there would hide a missing install step, so they fail instead.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresHostPackagesAttribute : ConditionBaseAttribute
{
    private static readonly Lazy<IReadOnlyList<string>> Missing = new(FindMissing);

    public RequiresHostPackagesAttribute()
        : base(ConditionMode.Include)
    {
        IgnoreMessage = Missing.Value.Count == 0
            ? null
            : $"needs the Debian packages {string.Join(", ", Missing.Value)}: run build/install-deps.sh";
    }

    public override bool IsConditionMet =>
        Missing.Value.Count == 0 || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public override string GroupName => nameof(RequiresHostPackagesAttribute);

    private static IReadOnlyList<string> FindMissing()
    {
        var packages = File.ReadLines(Path.Combine(TestPaths.RepositoryRoot, "build", "host-packages"))
            .Select(line => line.Split('#')[0])
            .SelectMany(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        var query = new ProcessStartInfo("dpkg-query", ["-W", "-f=${Package} ${db:Status-Status}\n", .. packages])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(query)!;
        var installed = process.StandardOutput.ReadToEnd().Split('\n')
            .Select(line => line.Split(' '))
            .Where(fields => fields is [_, "installed"])
            .Select(fields => fields[0])
            .ToHashSet();
        process.WaitForExit();
        return packages.Where(package => !installed.Contains(package)).ToList();
    }
}
