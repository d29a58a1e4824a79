using WinVmBuild.Guests.Windows;

namespace WinVmBuild.Tests.Media;

/// <summary>A WIM's XML data, as Microsoft's install.wim carries it, read into images.</summary>
[TestClass]
public sealed class WindowsImageTests
{
    [TestMethod]
    public void The_edition_id_and_version_come_from_WINDOWS_and_FLAGS_only_stands_in()
    {
        // The shape of Microsoft's Server media: FLAGS adds "Core" for Server Core, WINDOWS/EDITIONID does not.
        const string Xml = """
            <WIM><TOTALBYTES>1</TOTALBYTES>
              <IMAGE INDEX="2"><NAME>Windows Server 2022 SERVERSTANDARD</NAME><FLAGS>ServerStandard</FLAGS>
                <DISPLAYNAME>Windows Server 2022 Standard (Desktop Experience)</DISPLAYNAME>
                <WINDOWS><ARCH>9</ARCH><EDITIONID>ServerStandard</EDITIONID>
                  <VERSION><MAJOR>10</MAJOR><MINOR>0</MINOR><BUILD>20348</BUILD><SPBUILD>587</SPBUILD></VERSION></WINDOWS></IMAGE>
              <IMAGE INDEX="1"><NAME>Windows Server 2022 SERVERSTANDARDCORE</NAME><FLAGS>ServerStandardCore</FLAGS>
                <WINDOWS><EDITIONID>ServerStandard</EDITIONID></WINDOWS></IMAGE>
              <IMAGE INDEX="3"><NAME>Custom</NAME><FLAGS>Professional</FLAGS></IMAGE>
            </WIM>
            """;

        var images = WindowsImage.ParseAll(Xml)!;

        CollectionAssert.AreEqual(
            new[]
            {
                new WindowsImage(1, "Windows Server 2022 SERVERSTANDARDCORE", "ServerStandard", null, null),
                new WindowsImage(2, "Windows Server 2022 SERVERSTANDARD", "ServerStandard", "Windows Server 2022 Standard (Desktop Experience)", new Version(10, 0, 20348)),
                new WindowsImage(3, "Custom", "Professional", null, null),
            },
            images.ToArray());
        Assert.AreEqual("2: 'Windows Server 2022 SERVERSTANDARD' (Windows Server 2022 Standard (Desktop Experience), ServerStandard)", images[1].Description);
    }

    [TestMethod]
    [DataRow("not xml")]
    [DataRow("<WIM></WIM>")]
    [DataRow("<WIM><IMAGE INDEX=\"one\"><NAME>x</NAME></IMAGE></WIM>")]
    [DataRow("<unattend><IMAGE INDEX=\"1\"/></unattend>")]
    public void Text_that_is_no_image_list_is_none(string xml) =>
        Assert.IsNull(WindowsImage.ParseAll(xml));
}
