using Microsoft.Build.Framework;
using WinVmBuild.Diagnostics;
using WinVmBuild.Media;

namespace WinVmBuild.Tasks;

/// <summary>
/// Writes the medium an unattended install reads: autounattend.xml (Vista and later), winnt.sif (XP, Server 2003) or
/// the test guest's testguest.cfg + authorized_keys, on a floppy or CD image; plus winvmbuild.cmd, bootstrap.sh and
/// winvmbuild.marker for the Cygwin CD, and the install's secrets file. The product key and passwords never reach the build log.
/// </summary>
public sealed class CreateUnattendedMedia : WinVmTask
{
    /// <summary>xp, 2003, vista, 7, 8.1, 10, 11, server2016, server2019, server2022, server2025, or test (the Linux test guest).</summary>
    [Required]
    public string WindowsVersion { get; set; } = string.Empty;

    /// <summary>bios or uefi.</summary>
    public string Firmware { get; set; } = "bios";

    /// <summary>The install.wim image number (from 1); default 1. Not together with <see cref="ImageName"/>.</summary>
    public string? ImageIndex { get; set; }

    /// <summary>The install.wim image name ("Windows 11 Pro").</summary>
    public string? ImageName { get; set; }

    /// <summary>Optional; evaluation media need none. MSBuild logs parameters at diagnostic verbosity: prefer <see cref="ProductKeyFile"/>.</summary>
    public string? ProductKey { get; set; }

    /// <summary>A file holding the product key, which keeps it out of every MSBuild log.</summary>
    public string? ProductKeyFile { get; set; }

    /// <summary>Generated (and kept in the secrets file) when empty. Prefer <see cref="AdminPasswordFile"/> to giving it here.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>A file holding the administrator password, which keeps it out of every MSBuild log.</summary>
    public string? AdminPasswordFile { get; set; }

    public string Locale { get; set; } = "en-US";

    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// Package names (ItemSpec "openssh"), or the closure's archives (ItemSpec = install path, metadata Package = name).
    /// Windows installs the names (setup adds their dependencies); the test guest needs the archives.
    /// </summary>
    [Required]
    public ITaskItem[] CygwinPackages { get; set; } = [];

    /// <summary>The public key CreateSshKeyPair made.</summary>
    [Required]
    public string SshPublicKeyFile { get; set; } = string.Empty;

    /// <summary>floppy or cd.</summary>
    public string MediaKind { get; set; } = "floppy";

    /// <summary>The image to write; the other outputs go beside it unless set.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>The generated answer file (a copy beside the image), for inspection.</summary>
    [Output]
    public string AnswerFile { get; private set; } = string.Empty;

    /// <summary>winvmbuild.cmd, for the root of the Cygwin CD. Settable; default beside OutputFile.</summary>
    [Output]
    public string? InstallScript { get; set; }

    /// <summary>bootstrap.sh, for the root of the Cygwin CD. Settable; default beside OutputFile.</summary>
    [Output]
    public string? BootstrapScript { get; set; }

    /// <summary>winvmbuild.marker, for the root of the Cygwin CD. Settable; default beside OutputFile.</summary>
    [Output]
    public string? MarkerFile { get; set; }

    /// <summary>The passwords the install uses (mode 0600). Settable; default "secrets" beside OutputFile.</summary>
    [Output]
    public string? SecretsFile { get; set; }

    protected override async Task ExecuteAsync()
    {
        var request = new UnattendedMediaRequest
        {
            Version = WindowsVersionTraits.Parse(WindowsVersion),
            Firmware = EnumOption.Parse<Firmware>(Firmware, nameof(Firmware), ErrorCodes.UnknownFirmware),
            MediaKind = EnumOption.Parse<MediaKind>(MediaKind, nameof(MediaKind), ErrorCodes.UnknownMediaKind),
            Image = ImageSelection.Parse(ImageIndex, ImageName),
            ProductKey = SecretInput.Resolve(ProductKey, ProductKeyFile, nameof(ProductKey)),
            AdminPassword = SecretInput.Resolve(AdminPassword, AdminPasswordFile, nameof(AdminPassword)),
            Locale = Locale,
            TimeZone = TimeZone,
            CygwinPackages = CygwinPackages.Select(item => new CygwinPackageItem(item.ItemSpec, item.GetMetadata("Package"))).ToList(),
            SshPublicKeyFile = SshPublicKeyFile,
            OutputFile = OutputFile,
            InstallScriptFile = InstallScript,
            BootstrapScriptFile = BootstrapScript,
            MarkerFile = MarkerFile,
            SecretsFile = SecretsFile,
        };
        var media = await UnattendedMediaBuilder.CreateAsync(request, BuildLog, CancellationToken).ConfigureAwait(false);
        AnswerFile = media.AnswerFile;
        InstallScript = media.InstallScriptFile;
        BootstrapScript = media.BootstrapScriptFile;
        MarkerFile = media.MarkerFile;
        SecretsFile = media.SecretsFile;
    }
}
