using System.Globalization;
using WinVmBuild.Network;

namespace WinVmBuild.Guests.Windows.AnswerFiles;

/// <summary>
/// autounattend.xml for Windows Vista and later: setup finds it at the root of any removable drive and installs
/// without a question, logs the administrator on, installs Cygwin from its CD and runs the bootstrap script.
/// </summary>
public static class AutounattendWriter
{
    /// <summary>
    /// The checks Windows 11 setup skips when LabConfig says so: a VM has no TPM 2.0 or Secure Boot, may have little
    /// RAM, one vCPU (setup wants two cores) and a QEMU CPU model setup does not list.
    /// </summary>
    private static readonly string[] HardwareChecks = ["BypassTPMCheck", "BypassSecureBootCheck", "BypassRAMCheck", "BypassCPUCheck", "BypassStorageCheck"];

    public const string FileName = "autounattend.xml";

    /// <summary>Keeps the console logged on at every boot after the first too, which GUI tests in the guest rely on.</summary>
    private const int AutoLogonCount = 999;

    public static string Create(AnswerFileInputs inputs) => UnattendXmlWriter.Document(xml =>
    {
        xml.Pass("windowsPE", () =>
        {
            xml.Component("Microsoft-Windows-International-Core-WinPE", () =>
            {
                xml.Element("SetupUILanguage", () => xml.Element("UILanguage", inputs.Locale));
                Locales(xml, inputs.Locale);
            });
            xml.Component("Microsoft-Windows-Setup", () => Setup(xml, inputs));
        });

        // Without UAC the administrator's SSH sessions get a full token, as an elevated console would.
        xml.Pass("offlineServicing", () => xml.Component("Microsoft-Windows-LUA-Settings", () => xml.Element("EnableLUA", "false")));

        xml.Pass("specialize", () =>
        {
            xml.Component("Microsoft-Windows-Shell-Setup", () => xml.Element("ComputerName", "WINVMBUILD"));
            xml.Component("Microsoft-Windows-TCPIP", () => StaticAddress(xml));
            xml.Component("Networking-MPSSVC-Svc", () =>
            {
                // The network is private to one build (QEMU lets nothing in but the forwarded SSH port): the firewall
                // would only stand between sshd and the host.
                xml.Element("DomainProfile_EnableFirewall", "false");
                xml.Element("PrivateProfile_EnableFirewall", "false");
                xml.Element("PublicProfile_EnableFirewall", "false");
            });
            if (inputs.Version.NeedsHardwareCheckBypass())
            {
                // Windows 11's OOBE insists on a network connection and a Microsoft account unless BypassNRO is set.
                xml.Component("Microsoft-Windows-Deployment", () => RunSynchronous(
                    xml, [@"reg.exe add HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\OOBE /v BypassNRO /t REG_DWORD /d 1 /f"]));
            }
        });

        xml.Pass("oobeSystem", () =>
        {
            xml.Component("Microsoft-Windows-International-Core", () => Locales(xml, inputs.Locale));
            xml.Component("Microsoft-Windows-Shell-Setup", () => ShellSetup(xml, inputs));
        });
    });

    private static void Locales(UnattendXmlWriter xml, string locale)
    {
        xml.Element("InputLocale", locale);
        xml.Element("SystemLocale", locale);
        xml.Element("UILanguage", locale);
        xml.Element("UserLocale", locale);
    }

    private static void Setup(UnattendXmlWriter xml, AnswerFileInputs inputs)
    {
        AutounattendDisk.Write(xml, inputs.Firmware);
        xml.Element("ImageInstall", () => xml.Element("OSImage", () =>
        {
            xml.Element("InstallFrom", () => xml.ListItem("MetaData", () =>
            {
                xml.Element("Key", inputs.Image.Key);
                xml.Element("Value", inputs.Image.Value);
            }));
            xml.Element("InstallTo", () =>
            {
                xml.Element("DiskID", "0");
                xml.Element("PartitionID", AutounattendDisk.WindowsPartition(inputs.Firmware).ToString(CultureInfo.InvariantCulture));
            });
            xml.Element("InstallToAvailablePartition", "false");
            xml.Element("WillShowUI", "OnError");
        }));
        xml.Element("UserData", () =>
        {
            xml.Element("AcceptEula", "true");
            xml.Element("FullName", "WinVmBuild");
            xml.Element("Organization", "WinVmBuild");
            if (inputs.ProductKey is not null)
            {
                xml.Element("ProductKey", () =>
                {
                    xml.Element("Key", inputs.ProductKey);
                    xml.Element("WillShowUI", "OnError");
                });
            }
        });
        if (inputs.Version.NeedsHardwareCheckBypass())
        {
            // Read by Windows 11 setup before it checks the machine (see HardwareChecks).
            RunSynchronous(xml, HardwareChecks
                .Select(value => $@"reg.exe add HKLM\SYSTEM\Setup\LabConfig /v {value} /t REG_DWORD /d 1 /f")
                .ToList());
        }
    }

    private static void StaticAddress(UnattendXmlWriter xml) => xml.Element("Interfaces", () => xml.ListItem("Interface", () =>
    {
        xml.Element("Ipv4Settings", () => xml.Element("DhcpEnabled", "false"));
        xml.Element("Identifier", GuestNetwork.MacAddressWithDashes);
        xml.Element("UnicastIpAddresses", () => xml.ListItem("IpAddress", GuestNetwork.AddressWithPrefix, keyValue: "1"));
    }));

    private static void ShellSetup(UnattendXmlWriter xml, AnswerFileInputs inputs)
    {
        var user = inputs.Secrets.AdminUser;
        var password = inputs.Secrets.AdminPassword;
        xml.Element("UserAccounts", () =>
        {
            // Server's OOBE asks for the built-in Administrator's password unless it is given.
            xml.Password("AdministratorPassword", password);
            xml.Element("LocalAccounts", () => xml.ListItem("LocalAccount", () =>
            {
                xml.Password("Password", password);
                xml.Element("Name", user);
                xml.Element("DisplayName", user);
                xml.Element("Group", "Administrators");
            }));
        });
        xml.Element("AutoLogon", () =>
        {
            xml.Password("Password", password);
            xml.Element("Username", user);
            xml.Element("Enabled", "true");
            xml.Element("LogonCount", AutoLogonCount.ToString(CultureInfo.InvariantCulture));
        });
        xml.Element("OOBE", () =>
        {
            xml.Element("HideEULAPage", "true");
            if (inputs.Version.HasAccountScreens())
            {
                xml.Element("HideLocalAccountScreen", "true");
                xml.Element("HideOEMRegistrationScreen", "true");
                xml.Element("HideOnlineAccountScreens", "true");
                xml.Element("HideWirelessSetupInOOBE", "true");
            }

            xml.Element("NetworkLocation", "Work");
            xml.Element("ProtectYourPC", "3");
            xml.Element("SkipMachineOOBE", "true");
            xml.Element("SkipUserOOBE", "true");
        });
        xml.Element("TimeZone", inputs.TimeZone);
        xml.Element("FirstLogonCommands", () => xml.ListItem("SynchronousCommand", () =>
        {
            xml.Element("Order", "1");
            xml.Element("CommandLine", WindowsCommands.InstallFromCygwinCd());
            xml.Element("Description", "Install Cygwin from the WinVmBuild CD, set up sshd, wait for the host, power off");
        }));
    }

    private static void RunSynchronous(UnattendXmlWriter xml, IReadOnlyList<string> commands) =>
        xml.Element("RunSynchronous", () =>
        {
            foreach (var (command, index) in commands.Select((command, index) => (command, index)))
            {
                xml.ListItem("RunSynchronousCommand", () =>
                {
                    xml.Element("Order", (index + 1).ToString(CultureInfo.InvariantCulture));
                    xml.Element("Path", command);
                });
            }
        });
}
