using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Settings;

/// <summary>
/// What a build checks before any stage: the settings (<see cref="SettingsReader"/>), then, once they are right, the
/// Windows ISO's shape for the version (<see cref="WindowsInstallerIso"/>), the cache folder (<see cref="CacheFolderCheck"/>) and whether KVM can be used — probed once
/// here, and handed to every stage.
/// </summary>
public static class SettingsCheck
{
    /// <summary>The checked settings and the accelerator, or a <see cref="SettingsException"/> listing every problem.</summary>
    public static async Task<(WinVmSettings Settings, AcceleratorKind Accelerator)> RunAsync(
        RawSettings raw, IBuildLog log, CancellationToken cancellationToken)
    {
        var settings = SettingsReader.Read(raw);
        var problems = new List<WinVmException>();
        if (settings is { Guest: GuestKind.Windows, InstallerIso: { } iso })
        {
            try
            {
                // Only once the settings it depends on are right: it reads the whole ISO's file list.
                await WindowsInstallerIso.CheckAsync(iso, settings.WindowsVersion, settings.Firmware, cancellationToken).ConfigureAwait(false);
            }
            catch (WinVmException problem)
            {
                problems.Add(problem);
            }
        }

        try
        {
            CacheFolderCheck.EnsureUsable(settings.CacheDir);
        }
        catch (WinVmException problem)
        {
            problems.Add(problem);
        }

        var accelerator = AcceleratorKind.Tcg;
        try
        {
            accelerator = Accelerator.Resolve(settings.Accelerator, log);
        }
        catch (WinVmException problem)
        {
            problems.Add(problem);
        }

        return problems.Count == 0 ? (settings, accelerator) : throw new SettingsException(problems);
    }
}
