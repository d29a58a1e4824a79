namespace WinVmBuild.Guests;

/// <summary>
/// How an install ends: once the guest's sshd runs, the host logs in with the image's key, learns the guest's host
/// key and runs <see cref="Command"/>; the guest waits (at most 30 min) for <see cref="AcknowledgementFile"/>, then
/// powers off, which tells the host that the install is complete.
/// </summary>
public static class InstallHandOff
{
    public const string AcknowledgementFile = "/tmp/winvmbuild-install-acknowledged";

    public const string Command = "touch " + AcknowledgementFile;
}
