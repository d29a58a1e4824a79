namespace WinVmBuild.Guests;

/// <summary>
/// The part of a build's scripts that differs between guests: how the guest's shell connects one of its shares, and
/// which shell runs the user's command. Every share appears as <c>/mnt/NAME</c>.
/// </summary>
/// <param name="MountFunction">
/// Shell text defining <c>mount_share NAME</c>, which connects the share NAME at <c>/mnt/NAME</c> using
/// <c>$share_user</c> and <c>$share_password</c>, and calls <c>fail</c> when it cannot.
/// </param>
/// <param name="CommandShell">What runs the user's command text, e.g. <c>sh -c</c>.</param>
/// <param name="LoginShell">
/// The interactive login shell a person gets in the current folder (Cygwin's /etc/profile changes to the home folder
/// unless <c>CHERE_INVOKING</c> is set).
/// </param>
public sealed record GuestShell(string MountFunction, string CommandShell, string LoginShell);
