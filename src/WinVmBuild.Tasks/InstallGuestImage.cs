using Microsoft.Build.Framework;
using WinVmBuild.Guests;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Stages;

namespace WinVmBuild.Tasks;

/// <summary>The install stage: installs the guest from the media, or finds the cached install of the same media.</summary>
public sealed class InstallGuestImage : GuestStageTask
{
    /// <summary>The answer file's floppy or CD image.</summary>
    [Required]
    public string AnswerMedia { get; set; } = string.Empty;

    /// <summary><c>floppy</c> or <c>cd</c>.</summary>
    public string AnswerMediaKind { get; set; } = "floppy";

    /// <summary>The Cygwin repository ISO.</summary>
    [Required]
    public string CygwinIso { get; set; } = string.Empty;

    /// <summary>The Windows installation ISO (windows guest only); under UEFI, a copy rebuilt to boot without a key press is installed from.</summary>
    public string? WindowsIso { get; set; }

    /// <summary>The install's cache entry (holding base.qcow2).</summary>
    [Output]
    public string InstallEntry { get; private set; } = string.Empty;

    protected override async Task ExecuteAsync()
    {
        var (environment, guest) = await PrepareAsync().ConfigureAwait(false);
        var installer = string.IsNullOrEmpty(WindowsIso)
            ? null
            : await WindowsInstallerIso.ForFirmwareAsync(WindowsIso, FirmwareKind, environment.Cache, BuildLog, CancellationToken).ConfigureAwait(false);
        var media = new GuestInstallMedia(AnswerMedia, CygwinIso)
        {
            InstallerIso = installer,
            AnswerKind = EnumOption.Parse<MediaKind>(AnswerMediaKind, nameof(AnswerMediaKind), Diagnostics.ErrorCodes.SettingNotAllowed),
        };
        InstallEntry = await InstallStage.RunAsync(environment, guest, media, SshKey, Timeout, CancellationToken).ConfigureAwait(false);
    }
}
