using WinVmBuild.Media;

namespace WinVmBuild.Guests.Windows;

/// <summary>Everything an answer file is generated from, already checked and with its secrets resolved.</summary>
public sealed record AnswerFileInputs
{
    public required WindowsVersion Version { get; init; }

    public Firmware Firmware { get; init; } = Firmware.Bios;

    public ImageSelection Image { get; init; } = ImageSelection.Default;

    /// <summary>The key setup gets (<see cref="SetupProductKey"/>), upper case; null when it needs none (evaluation images).</summary>
    public string? ProductKey { get; init; }

    /// <summary>A language-region name such as en-US, used for the UI, the input, system and user locales.</summary>
    public string Locale { get; init; } = "en-US";

    /// <summary>A Windows time zone name ("UTC", "W. Europe Standard Time"); for winnt.sif its numeric index.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Whether the Cygwin CD makes Windows quiet at the first logon (<see cref="AnswerFiles.QuietScript"/>).</summary>
    public bool QuietWindows { get; init; }

    public required InstallSecrets Secrets { get; init; }

    public required CygwinSelection Cygwin { get; init; }

    /// <summary>The one authorized_keys line (OpenSSH public key) that lets the host in.</summary>
    public required string SshPublicKey { get; init; }

    /// <summary>Keeps the product key and passwords out of anything that formats this record.</summary>
    public override string ToString() => $"{nameof(AnswerFileInputs)} {{ {Version}, {Firmware}, {Image.Key}={Image.Value} }}";
}
