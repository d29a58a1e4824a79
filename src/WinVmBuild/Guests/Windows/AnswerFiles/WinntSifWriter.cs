using System.Text;
using WinVmBuild.Network;

namespace WinVmBuild.Guests.Windows.AnswerFiles;

/// <summary>
/// winnt.sif for Windows XP and Server 2003, as the nixpkgs seed wrote it: full unattended text and GUI setup, the
/// administrator logged on automatically, a static address on the NIC with the guest's MAC, the firewall off, and
/// the Cygwin CD's install script run at the first logon (GuiRunOnce); for Server 2003, the licensing mode too.
/// </summary>
public static class WinntSifWriter
{
    public const string FileName = "winnt.sif";

    private const string AdapterSection = "params.Adapter1";

    public static string Create(AnswerFileInputs inputs)
    {
        var file = new StringBuilder();
        file.Append("; WinVmBuild: unattended install of ").Append(inputs.Version).Append("\r\n");
        Section(file, "Data", ("AutoPartition", "1"), ("MsDosInitiated", "\"0\""), ("UnattendedInstall", "\"Yes\""), ("AutomaticUpdates", "No"));
        Section(
            file,
            "Unattended",
            ("UnattendMode", "FullUnattended"),
            ("OemSkipEula", "Yes"),
            ("OemPreinstall", "No"),
            ("TargetPath", @"\WINDOWS"),
            ("Repartition", "Yes"),
            ("UnattendSwitch", "Yes"),
            ("WaitForReboot", "No"),
            ("DriverSigningPolicy", "Ignore"),
            ("NonDriverSigningPolicy", "Ignore"),
            ("Hibernation", "No"));
        Section(
            file,
            "GuiUnattended",
            ("AdminPassword", Quoted(inputs.Secrets.AdminPassword)),
            ("EncryptedAdminPassword", "No"),
            ("AutoLogon", "Yes"),
            ("AutoLogonCount", "999"),
            ("OEMSkipRegional", "1"),
            ("OemSkipWelcome", "1"),
            ("TimeZone", inputs.TimeZone));
        var userData = new List<(string, string)> { ("ComputerName", "WINVMBUILD"), ("FullName", "\"WinVmBuild\""), ("OrgName", "\"WinVmBuild\"") };
        if (inputs.ProductKey is not null)
        {
            userData.Add(("ProductKey", Quoted(inputs.ProductKey)));
        }

        Section(file, "UserData", userData.ToArray());
        if (inputs.Version == WindowsVersion.Server2003)
        {
            // GUI setup of a server asks for the licensing mode unless AutoMode answers it ("If the AutoMode key is empty
            // or missing, Setup prompts for the license mode": the unattended-setup appendix of the Windows NT 4.0
            // Resource Kit); per server, with AutoUsers connections, as dockur/windows answers for 2003. XP has no such page.
            Section(file, "LicenseFilePrintData", ("AutoMode", "PerServer"), ("AutoUsers", "5"));
        }

        Section(file, "Identification", ("JoinWorkgroup", "WORKGROUP"));
        Network(file);
        Section(file, "WindowsFirewall", ("Profiles", "WindowsFirewall.TurnOffFirewall"));
        Section(file, "WindowsFirewall.TurnOffFirewall", ("Mode", "0"));
        Section(file, "GuiRunOnce", ("Command0", Quoted(WindowsCommands.InstallFromCygwinCd())));
        return file.ToString();
    }

    // Client, file sharing and TCP/IP listed one by one: InstallDefaultComponents = Yes would configure DHCP.
    private static void Network(StringBuilder file)
    {
        Section(file, "Networking", ("InstallDefaultComponents", "No"));
        Section(file, "NetAdapters", ("Adapter1", AdapterSection));
        Section(file, AdapterSection, ("INFID", "*"), ("NetCardAddress", GuestNetwork.MacAddressAsHex));
        Section(file, "NetClients", ("MS_MSClient", "params.MS_MSClient"));
        Section(file, "params.MS_MSClient");
        Section(file, "NetServices", ("MS_SERVER", "params.MS_SERVER"));
        Section(file, "params.MS_SERVER");
        Section(file, "NetProtocols", ("MS_TCPIP", "params.MS_TCPIP"));
        Section(file, "params.MS_TCPIP", ("DNS", "No"), ("EnableLMHosts", "No"), ("AdapterSections", "params.MS_TCPIP.Adapter1"));
        Section(
            file,
            "params.MS_TCPIP.Adapter1",
            ("SpecificTo", "Adapter1"),
            ("DHCP", "No"),
            ("IPAddress", GuestNetwork.Address),
            ("SubnetMask", GuestNetwork.SubnetMask),
            ("WINS", "No"));
    }

    private static void Section(StringBuilder file, string name, params (string Key, string Value)[] entries)
    {
        file.Append("\r\n[").Append(name).Append("]\r\n");
        foreach (var (key, value) in entries)
        {
            file.Append(key).Append(" = ").Append(value).Append("\r\n");
        }
    }

    /// <summary>
    /// A quoted value. Setup expands <c>%name%</c> in winnt.sif values, so a literal <c>%</c> is written twice; there is
    /// no escape for a double quote: callers only pass values checked to have none.
    /// </summary>
    private static string Quoted(string value) =>
        value.Contains('"') || value.Contains('\n')
            ? throw new ArgumentException("A winnt.sif value cannot hold a double quote or a line break.", nameof(value))
            : $"\"{value.Replace("%", "%%", StringComparison.Ordinal)}\"";
}
