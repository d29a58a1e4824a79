namespace WinVmBuild.Guests;

/// <summary>
/// How an install ends: once the guest's sshd runs, the host logs in with the image's key, learns the guest's host
/// key and runs <see cref="Command"/>; the guest waits (at most 30 min) for <see cref="AcknowledgementFile"/>, then
/// powers off, which tells the host that the install is complete.
/// </summary>
public static class InstallHandOff
{
    public const string AcknowledgementFile = "/tmp/winvmbuild-install-acknowledged";

    /// <summary>
    /// How a guest says its install failed: a line starting with this on its first serial port, which QEMU's console
    /// log and the host read, before it powers off. The host stops waiting at once and reports the line.
    /// </summary>
    public const string FailureMarker = "winvmbuild-failed: ";

    public const string Command = "touch " + AcknowledgementFile;
}
