namespace WinVmBuild.Guests.Windows;

/// <summary>Windows with Cygwin: what differs from the test guest.</summary>
public static class WindowsGuestProfile
{
    /// <summary>
    /// Cygwin's bash. Shares are connected with <c>net use</c> under the generated account (modern Windows
    /// refuses guest logons) and reached through their UNC paths, which Cygwin reads as <c>//server/share</c>.
    /// </summary>
    public static readonly GuestShell Shell = new(
        """
        mount_share() {
            net use "\\\\192.168.0.2\\$1" "$share_password" "/user:$share_user" /persistent:no >/dev/null \
                || fail "could not connect the share $1"
        }
        """,
        "//192.168.0.2",
        "bash -lc");
}
