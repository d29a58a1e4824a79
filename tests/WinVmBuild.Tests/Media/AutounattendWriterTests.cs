using System.Xml.Linq;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Guests.Windows.AnswerFiles;

namespace WinVmBuild.Tests.Media;

/// <summary>Parses the generated autounattend.xml and checks every pass, component and setting the install relies on.</summary>
[TestClass]
public sealed class AutounattendWriterTests
{
    private static readonly XNamespace U = UnattendXmlWriter.Namespace;
    private static readonly XNamespace Wcm = UnattendXmlWriter.WcmNamespace;

    public static IEnumerable<object[]> Cases =>
    [
        [WindowsVersion.Windows10, Firmware.Bios],
        [WindowsVersion.Windows10, Firmware.Uefi],
        [WindowsVersion.Windows11, Firmware.Bios],
        [WindowsVersion.Windows11, Firmware.Uefi],
        [WindowsVersion.Server2022, Firmware.Bios],
        [WindowsVersion.Server2022, Firmware.Uefi],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Every_component_is_the_amd64_one_and_the_passes_are_complete(WindowsVersion version, Firmware firmware)
    {
        var document = Parse(version, firmware);

        Assert.AreEqual(U + "unattend", document.Root!.Name);
        CollectionAssert.AreEqual(
            new[] { "windowsPE", "offlineServicing", "specialize", "oobeSystem" },
            document.Root.Elements(U + "settings").Select(s => (string?)s.Attribute("pass")).ToArray());
        foreach (var component in document.Descendants(U + "component"))
        {
            Assert.AreEqual("amd64", (string?)component.Attribute("processorArchitecture"));
            Assert.AreEqual("31bf3856ad364e35", (string?)component.Attribute("publicKeyToken"));
            Assert.AreEqual("neutral", (string?)component.Attribute("language"));
            Assert.AreEqual("nonSxS", (string?)component.Attribute("versionScope"));
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void The_disk_is_partitioned_for_the_firmware_and_Windows_goes_on_the_last_partition(WindowsVersion version, Firmware firmware)
    {
        var setup = Component(Parse(version, firmware), "windowsPE", "Microsoft-Windows-Setup");
        var disk = setup.Element(U + "DiskConfiguration")!.Element(U + "Disk")!;

        Assert.AreEqual("add", (string?)disk.Attribute(Wcm + "action"));
        Assert.AreEqual("true", Value(disk, "WillWipeDisk"));
        var created = disk.Element(U + "CreatePartitions")!.Elements(U + "CreatePartition").Select(p => Value(p, "Type")).ToArray();
        var modified = disk.Element(U + "ModifyPartitions")!.Elements(U + "ModifyPartition").ToList();
        var windows = modified.Last();
        Assert.AreEqual("NTFS", Value(windows, "Format"));
        Assert.AreEqual("C", Value(windows, "Letter"));
        var installTo = setup.Element(U + "ImageInstall")!.Element(U + "OSImage")!.Element(U + "InstallTo")!;
        Assert.AreEqual(Value(windows, "PartitionID"), Value(installTo, "PartitionID"));
        if (firmware == Firmware.Uefi)
        {
            CollectionAssert.AreEqual(new[] { "EFI", "MSR", "Primary" }, created);
            Assert.AreEqual("FAT32", Value(modified[0], "Format"));
            Assert.AreEqual("3", Value(installTo, "PartitionID"));
            Assert.IsNull(windows.Element(U + "Active"), "GPT has no active partition");
        }
        else
        {
            CollectionAssert.AreEqual(new[] { "Primary" }, created);
            Assert.AreEqual("true", Value(windows, "Active"));
            Assert.AreEqual("1", Value(installTo, "PartitionID"));
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Image_product_key_locale_and_time_zone_are_set(WindowsVersion version, Firmware firmware)
    {
        var document = Parse(version, firmware);
        var setup = Component(document, "windowsPE", "Microsoft-Windows-Setup");

        var metadata = setup.Descendants(U + "MetaData").Single();
        Assert.AreEqual("add", (string?)metadata.Attribute(Wcm + "action"));
        Assert.AreEqual(ImageSelection.NameKey, Value(metadata, "Key"));
        Assert.AreEqual("Windows Fake Edition", Value(metadata, "Value"));
        var userData = setup.Element(U + "UserData")!;
        Assert.AreEqual("true", Value(userData, "AcceptEula"));
        Assert.AreEqual(MediaTestInputs.ProductKey, Value(userData.Element(U + "ProductKey")!, "Key"));
        var winPe = Component(document, "windowsPE", "Microsoft-Windows-International-Core-WinPE");
        Assert.AreEqual("en-US", Value(winPe.Element(U + "SetupUILanguage")!, "UILanguage"));
        foreach (var international in new[] { winPe, Component(document, "oobeSystem", "Microsoft-Windows-International-Core") })
        {
            foreach (var setting in new[] { "InputLocale", "SystemLocale", "UILanguage", "UserLocale" })
            {
                Assert.AreEqual("en-US", Value(international, setting), setting);
            }
        }

        Assert.AreEqual("UTC", Value(Component(document, "oobeSystem", "Microsoft-Windows-Shell-Setup"), "TimeZone"));
    }

    [TestMethod]
    public void Evaluation_media_get_no_product_key_element()
    {
        var document = XDocument.Parse(AutounattendWriter.Create(MediaTestInputs.Create(WindowsVersion.Server2022, productKey: null)));

        Assert.IsFalse(document.Descendants(U + "ProductKey").Any());
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void A_local_administrator_logs_on_automatically_with_the_password(WindowsVersion version, Firmware firmware)
    {
        var shell = Component(Parse(version, firmware), "oobeSystem", "Microsoft-Windows-Shell-Setup");

        var account = shell.Element(U + "UserAccounts")!.Element(U + "LocalAccounts")!.Element(U + "LocalAccount")!;
        Assert.AreEqual("add", (string?)account.Attribute(Wcm + "action"));
        Assert.AreEqual("winvm", Value(account, "Name"));
        Assert.AreEqual("Administrators", Value(account, "Group"));
        Assert.AreEqual(MediaTestInputs.AdminPassword, Value(account.Element(U + "Password")!, "Value"));
        Assert.AreEqual(MediaTestInputs.AdminPassword, Value(shell.Element(U + "UserAccounts")!.Element(U + "AdministratorPassword")!, "Value"));
        var autoLogon = shell.Element(U + "AutoLogon")!;
        Assert.AreEqual("winvm", Value(autoLogon, "Username"));
        Assert.AreEqual("true", Value(autoLogon, "Enabled"));
        Assert.AreEqual(MediaTestInputs.AdminPassword, Value(autoLogon.Element(U + "Password")!, "Value"));
        Assert.AreEqual("true", Value(autoLogon.Element(U + "Password")!, "PlainText"));
        Assert.AreEqual("true", Value(shell.Element(U + "OOBE")!, "HideEULAPage"));
        Assert.AreEqual("true", Value(shell.Element(U + "OOBE")!, "HideOnlineAccountScreens"));
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void The_guest_gets_its_static_address_on_its_MAC_and_no_firewall(WindowsVersion version, Firmware firmware)
    {
        var document = Parse(version, firmware);

        var networkInterface = Component(document, "specialize", "Microsoft-Windows-TCPIP").Element(U + "Interfaces")!.Element(U + "Interface")!;
        Assert.AreEqual("52-54-00-12-01-01", Value(networkInterface, "Identifier"));
        Assert.AreEqual("false", Value(networkInterface.Element(U + "Ipv4Settings")!, "DhcpEnabled"));
        var address = networkInterface.Element(U + "UnicastIpAddresses")!.Element(U + "IpAddress")!;
        Assert.AreEqual("192.168.0.1/24", address.Value);
        Assert.AreEqual("1", (string?)address.Attribute(Wcm + "keyValue"));
        var firewall = Component(document, "specialize", "Networking-MPSSVC-Svc");
        foreach (var profile in new[] { "Domain", "Private", "Public" })
        {
            Assert.AreEqual("false", Value(firewall, profile + "Profile_EnableFirewall"));
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Only_Windows_11_gets_the_hardware_check_bypass_and_BypassNRO(WindowsVersion version, Firmware firmware)
    {
        var document = Parse(version, firmware);

        var labConfig = Component(document, "windowsPE", "Microsoft-Windows-Setup").Descendants(U + "Path").Select(p => p.Value).ToList();
        var bypassNro = document.Descendants(U + "Path").Any(p => p.Value.Contains(@"CurrentVersion\OOBE /v BypassNRO /t REG_DWORD /d 1", StringComparison.Ordinal));
        if (version == WindowsVersion.Windows11)
        {
            foreach (var check in new[] { "BypassTPMCheck", "BypassSecureBootCheck", "BypassRAMCheck", "BypassCPUCheck", "BypassStorageCheck" })
            {
                Assert.IsTrue(labConfig.Contains($@"reg.exe add HKLM\SYSTEM\Setup\LabConfig /v {check} /t REG_DWORD /d 1 /f"), check);
            }

            Assert.IsTrue(bypassNro);
            Assert.IsNotNull(FindComponent(document, "specialize", "Microsoft-Windows-Deployment"));
        }
        else
        {
            Assert.AreEqual(0, labConfig.Count);
            Assert.IsFalse(bypassNro);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void First_logon_runs_one_command_the_install_script_of_the_marked_CD(WindowsVersion version, Firmware firmware)
    {
        var shell = Component(Parse(version, firmware), "oobeSystem", "Microsoft-Windows-Shell-Setup");

        var command = shell.Element(U + "FirstLogonCommands")!.Elements(U + "SynchronousCommand").Single();
        Assert.AreEqual("1", Value(command, "Order"));
        Assert.AreEqual(
            @"cmd.exe /c for %d in (d e f g h i j k l m n o p q r s t u v w x y z) do @if exist %d:\winvmbuild.marker %d:\winvmbuild.cmd %d",
            Value(command, "CommandLine"));
    }

    [TestMethod]
    public void Vista_and_7_get_no_OOBE_settings_their_schema_lacks()
    {
        foreach (var version in new[] { WindowsVersion.Vista, WindowsVersion.Windows7 })
        {
            var oobe = Component(XDocument.Parse(AutounattendWriter.Create(MediaTestInputs.Create(version))), "oobeSystem", "Microsoft-Windows-Shell-Setup").Element(U + "OOBE")!;

            Assert.IsNull(oobe.Element(U + "HideOnlineAccountScreens"), version.ToString());
            Assert.IsNull(oobe.Element(U + "HideLocalAccountScreen"), version.ToString());
            Assert.AreEqual("true", Value(oobe, "HideEULAPage"));
        }
    }

    [TestMethod]
    public void Values_are_escaped_by_the_XML_writer()
    {
        var inputs = MediaTestInputs.Create(WindowsVersion.Windows10) with { Image = new ImageSelection(ImageSelection.NameKey, "Windows <10> & \"Pro\"") };

        var document = XDocument.Parse(AutounattendWriter.Create(inputs));

        Assert.AreEqual("Windows <10> & \"Pro\"", Value(document.Descendants(U + "MetaData").Single(), "Value"));
    }

    private static XDocument Parse(WindowsVersion version, Firmware firmware) =>
        XDocument.Parse(AutounattendWriter.Create(MediaTestInputs.Create(version, firmware)));

    private static XElement? FindComponent(XDocument document, string pass, string name) =>
        document.Root!.Elements(U + "settings").Single(s => (string?)s.Attribute("pass") == pass)
            .Elements(U + "component").SingleOrDefault(c => (string?)c.Attribute("name") == name);

    private static XElement Component(XDocument document, string pass, string name) =>
        FindComponent(document, pass, name) ?? throw new AssertFailedException($"No {name} component in pass {pass}.");

    private static string? Value(XElement parent, string name) => parent.Element(U + name)?.Value;
}
