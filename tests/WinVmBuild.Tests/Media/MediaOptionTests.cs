using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;

namespace WinVmBuild.Tests.Media;

/// <summary>The media's options, as the settings reader hands them to the answer files.</summary>
[TestClass]
[RequiresHostPackages]
public sealed class MediaOptionTests
{
    [TestMethod]
    [DataRow("xp", WindowsVersion.Xp)]
    [DataRow("2003", WindowsVersion.Server2003)]
    [DataRow("8.1", WindowsVersion.Windows81)]
    [DataRow("11", WindowsVersion.Windows11)]
    [DataRow("Server2025", WindowsVersion.Server2025)]
    public void Version_names_are_read(string name, WindowsVersion expected) =>
        Assert.AreEqual(expected, WindowsVersionTraits.Names[name]);

    [TestMethod]
    public void The_test_guest_is_no_windows_version_a_project_can_name() =>
        Assert.IsFalse(WindowsVersionTraits.Names.ContainsKey("test"));

    [TestMethod]
    public void Image_selection_is_an_index_from_1_or_a_name()
    {
        Assert.AreEqual(new ImageSelection(ImageSelection.IndexKey, "1"), ImageSelection.Default);
        Assert.AreEqual(new ImageSelection(ImageSelection.IndexKey, "4"), ImageSelection.ByIndex(4));
        Assert.AreEqual(new ImageSelection(ImageSelection.NameKey, "Windows 11 Pro"), ImageSelection.ByName(" Windows 11 Pro "));
    }

    [TestMethod]
    public void Product_keys_must_be_five_groups_of_five_and_are_never_echoed()
    {
        Assert.IsNull(ProductKey.Normalize(" "));
        Assert.AreEqual("ABCDE-12345-FGHIJ-67890-KLMNO", ProductKey.Normalize("abcde-12345-fghij-67890-klmno"));
        foreach (var key in new[] { "ABCDE-12345-FGHIJ-67890", "ABCDE-12345-FGHIJ-67890-KLMN", "ABCDE_12345_FGHIJ_67890_KLMNO", "ABCDE-12345-FGHIJ-67890-KLMNO-PQRST" })
        {
            var error = Assert.ThrowsExactly<WinVmException>(() => ProductKey.Normalize(key));
            Assert.AreEqual(ErrorCodes.ProductKeyMalformed, error.Code);
            Assert.IsFalse(error.Message.Contains(key, StringComparison.OrdinalIgnoreCase));
        }
    }

    [TestMethod]
    public void Time_zones_are_checked_for_the_answer_file_kind()
    {
        Assert.AreEqual("W. Europe Standard Time", TimeZoneSetting.Resolve("W. Europe Standard Time", WindowsVersion.Windows10));
        Assert.AreEqual("UTC", TimeZoneSetting.Resolve("UTC", WindowsVersion.Server2022));
        Assert.AreEqual("90", TimeZoneSetting.Resolve("UTC", WindowsVersion.Xp));
        Assert.AreEqual("4", TimeZoneSetting.Resolve("4", WindowsVersion.Server2003));
        Assert.AreEqual(ErrorCodes.TimeZoneInvalid, Assert.ThrowsExactly<WinVmException>(() => TimeZoneSetting.Resolve("Mars/Olympus", WindowsVersion.Windows11)).Code);
        Assert.AreEqual(ErrorCodes.TimeZoneInvalid, Assert.ThrowsExactly<WinVmException>(() => TimeZoneSetting.Resolve("Pacific Standard Time", WindowsVersion.Xp)).Code);
    }

    [TestMethod]
    public void Package_names_are_checked_for_what_cygwin_accepts()
    {
        Assert.AreEqual("gcc-g++", CygwinSelection.CheckName("gcc-g++"));
        foreach (var bad in new[] { "make;del", "x86_64/release/make/make-4.4.1-2.tar.xz", "-rf", "" })
        {
            Assert.AreEqual(ErrorCodes.CygwinPackagesInvalid, Assert.ThrowsExactly<WinVmException>(() => CygwinSelection.CheckName(bad)).Code, bad);
        }
    }
}
