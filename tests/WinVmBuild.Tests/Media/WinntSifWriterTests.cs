using WinVmBuild.Guests.Windows;
using WinVmBuild.Guests.Windows.AnswerFiles;

namespace WinVmBuild.Tests.Media;

[TestClass]
public sealed class WinntSifWriterTests
{
    [TestMethod]
    public void Winnt_sif_has_the_seeds_sections_with_a_static_address_and_the_generated_password()
    {
        var sections = Parse(WinntSifWriter.Create(MediaTestInputs.Create(WindowsVersion.Server2003)));

        Assert.AreEqual("FullUnattended", sections["Unattended"]["UnattendMode"]);
        Assert.AreEqual($"\"{MediaTestInputs.AdminPassword}\"", sections["GuiUnattended"]["AdminPassword"]);
        Assert.AreEqual("Yes", sections["GuiUnattended"]["AutoLogon"]);
        Assert.AreEqual("90", sections["GuiUnattended"]["TimeZone"]);
        Assert.AreEqual($"\"{MediaTestInputs.ProductKey}\"", sections["UserData"]["ProductKey"]);
        Assert.AreEqual("0x525400120101", sections["params.Adapter1"]["NetCardAddress"]);
        Assert.AreEqual("No", sections["params.MS_TCPIP.Adapter1"]["DHCP"]);
        Assert.AreEqual("192.168.0.1", sections["params.MS_TCPIP.Adapter1"]["IPAddress"]);
        Assert.AreEqual("255.255.255.0", sections["params.MS_TCPIP.Adapter1"]["SubnetMask"]);
        Assert.AreEqual("0", sections["WindowsFirewall.TurnOffFirewall"]["Mode"]);
        Assert.IsFalse(sections.ContainsKey("SetupParams"), "Cygwin is installed at the first logon, by the install script");
        // Setup expands %name% in values: the loop variable's % is written twice, so that cmd.exe gets %d.
        Assert.AreEqual(
            @"""cmd.exe /c for %%d in (d e f g h i j k l m n o p q r s t u v w x y z) do @if exist %%d:\winvmbuild.marker %%d:\winvmbuild.cmd %%d""",
            sections["GuiRunOnce"]["Command0"]);
    }

    [TestMethod]
    public void Server_2003_answers_the_licensing_page_per_server_and_xp_has_none()
    {
        var server = Parse(WinntSifWriter.Create(MediaTestInputs.Create(WindowsVersion.Server2003)));
        var xp = Parse(WinntSifWriter.Create(MediaTestInputs.Create(WindowsVersion.Xp)));

        Assert.AreEqual("PerServer", server["LicenseFilePrintData"]["AutoMode"]);
        Assert.AreEqual("5", server["LicenseFilePrintData"]["AutoUsers"]);
        Assert.IsFalse(xp.ContainsKey("LicenseFilePrintData"));
    }

    [TestMethod]
    public void Every_line_ends_with_CRLF_and_every_quoted_value_is_closed()
    {
        var text = WinntSifWriter.Create(MediaTestInputs.Create(WindowsVersion.Xp));

        Assert.IsFalse(text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\n'));
        foreach (var line in text.Split("\r\n"))
        {
            Assert.AreEqual(0, line.Count(c => c == '"') % 2, line);
        }
    }

    [TestMethod]
    public void Without_a_product_key_no_ProductKey_line_is_written()
    {
        var sections = Parse(WinntSifWriter.Create(MediaTestInputs.Create(WindowsVersion.Xp, productKey: null)));

        Assert.IsFalse(sections["UserData"].ContainsKey("ProductKey"));
    }

    private static Dictionary<string, Dictionary<string, string>> Parse(string text)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in text.Split("\r\n").Where(l => l.Length > 0 && !l.StartsWith(';')))
        {
            if (line.StartsWith('['))
            {
                current = new Dictionary<string, string>();
                sections.Add(line.Trim('[', ']'), current);
            }
            else
            {
                var parts = line.Split(" = ", 2);
                current!.Add(parts[0], parts[1]);
            }
        }

        return sections;
    }
}
