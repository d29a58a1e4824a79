namespace WinVmBuild.Guests;

/// <summary>
/// The part of a build's run script that differs between guests: how the guest's shell connects one of the
/// controller's shares, where the share then appears, and which shell runs the user's command.
/// </summary>
/// <param name="MountFunction">
/// Shell text defining <c>mount_share NAME</c>, which connects the share NAME using <c>$share_user</c> and
/// <c>$share_password</c> and calls <c>fail</c> when it cannot.
/// </param>
/// <param name="ShareRoot">The folder under which share NAME appears as <c>ShareRoot/NAME</c>.</param>
/// <param name="CommandShell">The shell and option that run the user's command text, e.g. <c>sh -c</c>.</param>
public sealed record GuestShell(string MountFunction, string ShareRoot, string CommandShell);
