using WinVmBuild.Network;

namespace WinVmBuild.Guests.Windows.AnswerFiles;

/// <summary>
/// bootstrap.sh, run once by the Windows answer file with Cygwin's bash -l after Cygwin is installed: authorizes the
/// image's key for the administrator, sets sshd up as a service, waits until the host has logged in with that key
/// (it creates <see cref="AcknowledgementFile"/>), then powers off: power-off is how the host learns the install is
/// done.
/// </summary>
public static class BootstrapScript
{
    /// <summary>Its name at the root of the Cygwin CD, where winvmbuild.cmd runs it with bash -l.</summary>
    public const string FileName = "bootstrap.sh";

    /// <summary>The file the host creates over SSH once the key works; the guest waits for it.</summary>
    public const string AcknowledgementFile = InstallHandOff.AcknowledgementFile;

    /// <summary>How long the guest waits for the acknowledgement before it powers off anyway.</summary>
    public const int AcknowledgementTimeoutSeconds = 30 * 60;

    /// <summary>The account sshd's service runs as (ssh-host-config creates it, privileged).</summary>
    public const string ServiceAccount = "cyg_server";

    /// <summary>Where the script's output goes in the guest, for anyone who opens the image to see why it stopped.</summary>
    public const string LogFile = "/var/log/winvmbuild-bootstrap.log";

    private const string KeyDelimiter = "WINVMBUILD_AUTHORIZED_KEY";

    /// <summary>The guest's first serial port, where a failure is reported to the host (<see cref="InstallHandOff.FailureMarker"/>).</summary>
    public const string SerialPort = "/dev/ttyS0";

    public static string Create(AnswerFileInputs inputs)
    {
        // The password is from PasswordPolicy's safe characters (no single quote), so single quotes hold it as is.
        var lines = new[]
        {
            "#!/bin/bash",
            "# WinVmBuild bootstrap: runs once, as the administrator, right after Cygwin's offline install.",
            "set -u",
            "",
            "# Power off however the script ends (even if the log cannot be opened): the host waits for the VM to stop,",
            "# and checks the acknowledgement itself.",
            "# shellcheck disable=SC2317 # reached through the trap, which shellcheck does not follow",
            "power_off() {",
            "  \"$(cygpath --sysdir)/shutdown.exe\" /s /t 0",
            "}",
            "trap power_off EXIT",
            "",
            "# A failure is said on the first serial port, which the host reads: it stops waiting at once.",
            "fail() {",
            $"  echo \"{InstallHandOff.FailureMarker}$1\" >{SerialPort}",
            "  echo \"bootstrap: $1\"",
            "  exit 1",
            "}",
            $"exec >>{LogFile} 2>&1 </dev/null",
            "",
            "umask 077",
            "mkdir -p \"$HOME/.ssh\"",
            $"cat >\"$HOME/.ssh/authorized_keys\" <<'{KeyDelimiter}'",
            inputs.SshPublicKey,
            KeyDelimiter,
            "",
            "# ssh-host-config's exit status counts its warnings: what it installed tells whether it worked. It names the",
            "# service cygsshd since OpenSSH 7.7 (2018, every Cygwin from Vista's on), sshd before (XP and Server 2003).",
            $"ssh-host-config --yes --user {ServiceAccount} --pwd '{inputs.Secrets.SshdPassword}'",
            "service=$(cygrunsrv -L | grep -E -x '(cyg)?sshd' | head -n 1)",
            "[[ -n $service ]] || fail \"ssh-host-config installed no sshd service (cygrunsrv lists: $(cygrunsrv -L | tr '\\n' ' '))\"",
            "# One key exchange the host's client also speaks, and the cheapest for a guest without KVM, under the name every",
            "# OpenSSH from 6.5 on knows (XP's is 7.3); no DNS lookups.",
            $"printf 'KexAlgorithms {GuestSsh.GuestKeyExchange}\\nUseDNS no\\n' >>/etc/sshd_config",
            "cygrunsrv -S \"$service\" || fail \"the service $service did not start; see /var/log/sshd.log\"",
            "cygrunsrv -Q \"$service\" | grep -q Running || fail \"the service $service is not running after its start\"",
            "",
            "# The host creates the file over SSH: that proves sshd and the key work before the image is kept.",
            $"for ((waited = 0; waited < {AcknowledgementTimeoutSeconds}; waited++)); do",
            $"  [[ -e {AcknowledgementFile} ]] && exit 0",
            "  sleep 1",
            "done",
            "fail \"sshd runs, but the host did not log in within $waited seconds\"",
        };
        return string.Join('\n', lines) + "\n";
    }
}
