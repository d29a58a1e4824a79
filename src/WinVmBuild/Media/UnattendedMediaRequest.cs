using WinVmBuild.Settings;

namespace WinVmBuild.Media;

/// <summary>What to put on the unattended install medium, as the CreateUnattendedMedia task receives it.</summary>
public sealed record UnattendedMediaRequest
{
    /// <summary>The test guest reads its own answer file, and takes <see cref="Version"/>'s rules for Cygwin and time zones.</summary>
    public GuestKind Guest { get; init; } = GuestKind.Windows;

    public required WindowsVersion Version { get; init; }

    public Firmware Firmware { get; init; } = Firmware.Bios;

    public MediaKind MediaKind { get; init; } = MediaKind.Floppy;

    public ImageSelection Image { get; init; } = ImageSelection.Default;

    /// <summary>The key setup gets, as the media stage decided it (<see cref="SetupProductKey"/>); null when it needs none.</summary>
    public string? ProductKey { get; init; }

    /// <summary>When empty, the password in <see cref="SecretsFile"/> is reused, or a new one generated.</summary>
    public string? AdminPassword { get; init; }

    public string Locale { get; init; } = "en-US";

    public string TimeZone { get; init; } = "UTC";

    /// <summary>Windows made quiet at the first logon (WinVmQuietWindows); the test guest ignores it.</summary>
    public bool QuietWindows { get; init; }

    public required IReadOnlyList<CygwinPackageItem> CygwinPackages { get; init; }

    public required string SshPublicKeyFile { get; init; }

    /// <summary>The floppy (.img) or CD (.iso) image. The other outputs default to files beside it.</summary>
    public required string OutputFile { get; init; }

    /// <summary>Default: winvmbuild.cmd beside <see cref="OutputFile"/>. Goes onto the Cygwin CD.</summary>
    public string? InstallScriptFile { get; init; }

    /// <summary>Default: winvmbuild-quiet.cmd beside <see cref="OutputFile"/>, written only for a quiet Windows. Goes onto the Cygwin CD.</summary>
    public string? QuietScriptFile { get; init; }

    /// <summary>Default: bootstrap.sh beside <see cref="OutputFile"/>. Goes onto the Cygwin CD.</summary>
    public string? BootstrapScriptFile { get; init; }

    /// <summary>Default: winvmbuild.marker beside <see cref="OutputFile"/>. Goes onto the Cygwin CD.</summary>
    public string? MarkerFile { get; init; }

    /// <summary>Default: secrets beside <see cref="OutputFile"/>.</summary>
    public string? SecretsFile { get; init; }

    /// <summary>Keeps the product key and password out of anything that formats this record.</summary>
    public override string ToString() => $"{nameof(UnattendedMediaRequest)} {{ {Version}, {Firmware}, {MediaKind}, {OutputFile} }}";
}
