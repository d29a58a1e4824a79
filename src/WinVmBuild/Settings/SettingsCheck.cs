using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Settings;

/// <summary>
/// What a build checks before any stage: the settings (<see cref="SettingsReader"/>), then, once they are right, the
/// cache folder (<see cref="CacheFolderCheck"/>), the Windows ISO's shape for the version and the product key its chosen image
/// needs (<see cref="WindowsProductKey"/>), and whether KVM can be used — probed once here, and handed to every stage.
/// </summary>
public static class SettingsCheck
{
    /// <summary>The checked settings and the accelerator, or a <see cref="SettingsException"/> listing every problem.</summary>
    public static async Task<(WinVmSettings Settings, AcceleratorKind Accelerator)> RunAsync(
        RawSettings raw, IBuildLog log, CancellationToken cancellationToken)
    {
        var settings = SettingsReader.Read(raw);
        var problems = new List<WinVmException>();
        var cacheUsable = await PassesAsync(problems, () =>
        {
            CacheFolderCheck.EnsureUsable(settings.CacheDir);
            return Task.CompletedTask;
        }).ConfigureAwait(false);

        if (settings is { Guest: GuestKind.Windows, InstallerIso: { } iso })
        {
            // Only once the settings it depends on are right: it reads the whole ISO's file list.
            var isoUsable = await PassesAsync(problems, () => WindowsInstallerIso.CheckAsync(iso, settings.WindowsVersion, settings.Firmware, cancellationToken)).ConfigureAwait(false);

            // Reads the image list of media of the right shape (once per ISO, into the cache folder); XP and 2003 need neither.
            if ((isoUsable && cacheUsable) || settings.WindowsVersion.AnswerFileKind() == AnswerFileKind.WinntSif)
            {
                await PassesAsync(problems, () => WindowsProductKey.ForAsync(settings, settings.CacheDir, log, cancellationToken)).ConfigureAwait(false);
            }

            if (settings is { WindowsVersion: WindowsVersion.Windows11, AnswerMedia: MediaKind.Floppy })
            {
                log.Warning(
                    ErrorCodes.FloppyMayBeUnreadable,
                    "WinVmAnswerMedia is floppy: Windows 11 23H2 setup reads the answer file from it, but 24H2 and later have no floppy driver " +
                    "and stop at the language page, and WinVmWindowsVersion 11 cannot tell them apart. Set WinVmAnswerMedia to cd (the default).");
            }
        }

        var accelerator = AcceleratorKind.Tcg;
        await PassesAsync(problems, () =>
        {
            accelerator = Accelerator.Resolve(settings.Accelerator, log);
            return Task.CompletedTask;
        }).ConfigureAwait(false);

        return problems.Count == 0 ? (settings, accelerator) : throw new SettingsException(problems);
    }

    /// <summary>Runs one check; its coded problem joins <paramref name="problems"/>, so that every problem is reported at once.</summary>
    private static async Task<bool> PassesAsync(List<WinVmException> problems, Func<Task> check)
    {
        try
        {
            await check().ConfigureAwait(false);
            return true;
        }
        catch (WinVmException problem)
        {
            problems.Add(problem);
            return false;
        }
    }
}
