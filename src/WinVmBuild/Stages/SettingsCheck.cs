using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Settings;
using WinVmBuild.Vm;

namespace WinVmBuild.Stages;

/// <summary>
/// What a build checks before any stage, every problem at once: the settings (<see cref="SettingsReader"/>), then, once
/// they are right, what they name on this host — the cache folder (<see cref="CacheFolderCheck"/>), the Windows ISO's
/// shape for the version and the product key its chosen image needs (<see cref="WindowsProductKey"/>), or the test
/// guest's kernel — and whether KVM can be used. Each is probed once here and handed to every stage
/// (<see cref="CheckedProject"/>).
/// </summary>
public static class SettingsCheck
{
    /// <summary>Starts the detailed log's one line per build that says what the host was probed for.</summary>
    public const string ProbedLine = "WinVmBuild: host probed for this build";

    /// <summary>The checked project, or a <see cref="SettingsException"/> listing every problem.</summary>
    public static async Task<CheckedProject> RunAsync(RawSettings raw, IBuildLog log, CancellationToken cancellationToken)
    {
        var settings = SettingsReader.Read(raw);
        var problems = new List<WinVmException>();
        var cacheUsable = await PassesAsync(problems, () =>
        {
            CacheFolderCheck.EnsureUsable(settings.CacheDir);
            return Task.CompletedTask;
        }).ConfigureAwait(false);

        IGuestKind? guest = null;
        await PassesAsync(problems, async () => guest = settings.Guest == GuestKind.Test
            ? new TestGuestKind(HostKernel.Find(settings.Kernel))
            : await WindowsGuestAsync(settings, cacheUsable, problems, log, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

        var accelerator = AcceleratorKind.Tcg;
        await PassesAsync(problems, () =>
        {
            accelerator = Accelerator.Resolve(settings.Accelerator, log);
            return Task.CompletedTask;
        }).ConfigureAwait(false);

        if (problems.Count > 0 || guest is null)
        {
            throw new SettingsException(problems);
        }

        log.Detail($"{ProbedLine}: accelerator {accelerator.ToString().ToLowerInvariant()}, {guest}");
        return new CheckedProject(settings, accelerator, guest);
    }

    /// <summary>The Windows guest the settings describe, once its ISO has the version's shape and setup's product key is decided.</summary>
    private static async Task<IGuestKind?> WindowsGuestAsync(
        WinVmSettings settings, bool cacheUsable, List<WinVmException> problems, IBuildLog log, CancellationToken cancellationToken)
    {
        if (settings is { WindowsVersion: WindowsVersion.Windows11, AnswerMedia: MediaKind.Floppy })
        {
            log.Warning(
                ErrorCodes.FloppyMayBeUnreadable,
                "WinVmAnswerMedia is floppy: Windows 11 23H2 setup reads the answer file from it, but 24H2 and later have no floppy driver " +
                "and stop at the language page, and WinVmWindowsVersion 11 cannot tell them apart. Set WinVmAnswerMedia to cd (the default).");
        }

        var iso = settings.InstallerIso ?? throw new ArgumentException("A Windows guest's settings name its installer ISO.", nameof(settings));
        var version = settings.WindowsVersion;

        // Only once the settings it depends on are right: it reads the whole ISO's file list.
        var isoUsable = await PassesAsync(problems, () => WindowsInstallerIso.CheckAsync(iso, version, settings.Firmware, cancellationToken)).ConfigureAwait(false);

        // The image list of media of the right shape is read once per ISO, into the cache folder; XP and 2003 need neither.
        if (!(isoUsable && cacheUsable) && version.AnswerFileKind() != AnswerFileKind.WinntSif)
        {
            return null;
        }

        var productKey = await WindowsProductKey.ForAsync(
            iso, version, settings.Image, settings.ProductKey, new CacheLayout(settings.CacheDir).Images, log, cancellationToken).ConfigureAwait(false);
        return new WindowsGuestKind(
            version,
            settings.Firmware,
            settings.AnswerMedia,
            settings.Image,
            productKey,
            settings.AdminPassword,
            settings.Locale,
            settings.TimeZone,
            settings.QuietWindows,
            settings.CygwinSetupExe ?? throw new ArgumentException("A Windows guest's settings name Cygwin's setup program.", nameof(settings)));
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
