using WinVmBuild.Diagnostics;

namespace WinVmBuild.Network;

/// <summary>
/// The account the guest logs on to its shares with (modern Windows refuses guest logons): the host user who runs the
/// build, because the smbd QEMU starts runs as that user and can act as no other, with a password generated for one
/// session. <see cref="ToString"/> leaves the password out, so logging this record never shows it.
/// </summary>
public sealed record SambaAccount
{
    public SambaAccount(string user, string password)
    {
        if (user.Length == 0 || user.IndexOfAny([',', ':', '\n', '\r', '\0', ' ', '\\', '/']) >= 0)
        {
            throw new WinVmException(
                ErrorCodes.InvalidSambaAccount,
                $"The host user '{user}' cannot be a Samba account name: run the build as a user whose name has no blank, ',', ':', '\\' or '/'.");
        }

        if (password.Length == 0 || password.IndexOfAny([',', '\n', '\r', '\0']) >= 0)
        {
            // busybox mount (the test guest's cifs mounts) turns the kernel's ",," escape back into a separator, and
            // pdbedit reads the password as one line: such a password cannot arrive intact.
            throw new WinVmException(ErrorCodes.InvalidSambaAccount, "The Samba password must be non-empty and cannot contain ',' or line breaks.");
        }

        User = user;
        Password = password;
    }

    public string User { get; }

    public string Password { get; }

    public override string ToString() => $"SambaAccount {{ User = {User} }}";
}
