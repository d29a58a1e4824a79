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
                ErrorCodes.InvalidSambaUser,
                $"'{user}' cannot be a Samba user name: use 1 to 32 lower-case letters, digits, '_' or '-', starting with a letter or '_'.");
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
