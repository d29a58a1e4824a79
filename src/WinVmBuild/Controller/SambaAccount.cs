using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Controller;

/// <summary>
/// The generated account the guest logs on to the controller's Samba with (modern Windows refuses guest
/// logons). <see cref="ToString"/> leaves the password out, so logging this record never shows it.
/// </summary>
public sealed partial record SambaAccount
{
    public SambaAccount(string user, string password)
    {
        if (!UserPattern().IsMatch(user))
        {
            throw new WinVmException(
                ErrorCodes.InvalidSambaAccount,
                $"'{user}' cannot be a Samba user name: use 1 to 32 lower-case letters, digits, '_' or '-', starting with a letter or '_'.");
        }

        if (password.Length == 0 || password.IndexOfAny([',', '\n', '\r', '\0']) >= 0)
        {
            // busybox mount (the test guest's cifs mounts) turns the kernel's ",," escape back into a
            // separator, and smbpasswd reads the password as one line: such a password cannot arrive intact.
            throw new WinVmException(
                ErrorCodes.InvalidSambaAccount,
                "The Samba password must be non-empty and cannot contain ',' or line breaks.");
        }

        User = user;
        Password = password;
    }

    public string User { get; }

    public string Password { get; }

    public override string ToString() => $"SambaAccount {{ User = {User} }}";

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserPattern();
}
