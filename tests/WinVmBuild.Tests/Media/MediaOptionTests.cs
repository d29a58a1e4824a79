using WinVmBuild.Diagnostics;
using WinVmBuild.Media;

namespace WinVmBuild.Tests.Media;

/// <summary>The task's string parameters, read into the engine's types.</summary>
[TestClass]
public sealed class MediaOptionTests
{
    [TestMethod]
    [DataRow("xp", WindowsVersion.Xp)]
    [DataRow("2003", WindowsVersion.Server2003)]
    [DataRow("8.1", WindowsVersion.Windows81)]
    [DataRow("11", WindowsVersion.Windows11)]
    [DataRow("Server2025", WindowsVersion.Server2025)]
    [DataRow("test", WindowsVersion.TestGuest)]
    public void Version_names_are_read(string name, WindowsVersion expected) =>
        Assert.AreEqual(expected, WindowsVersionTraits.Parse(name));

    [TestMethod]
    public void An_unknown_version_names_the_known_ones()
    {
        var error = Assert.ThrowsExactly<WinVmException>(() => WindowsVersionTraits.Parse("12"));

        Assert.AreEqual(ErrorCodes.UnknownWindowsVersion, error.Code);
        StringAssert.Contains(error.Message, "server2022");
    }

    [TestMethod]
    public void Firmware_and_media_kind_take_names_only()
    {
        Assert.AreEqual(Firmware.Uefi, EnumOption.Parse<Firmware>("UEFI", "Firmware", ErrorCodes.UnknownFirmware));
        Assert.AreEqual(MediaKind.Cd, EnumOption.Parse<MediaKind>("cd", "MediaKind", ErrorCodes.UnknownMediaKind));
        Assert.AreEqual(ErrorCodes.UnknownFirmware, Assert.ThrowsExactly<WinVmException>(() => EnumOption.Parse<Firmware>("1", "Firmware", ErrorCodes.UnknownFirmware)).Code);
        Assert.AreEqual(ErrorCodes.UnknownMediaKind, Assert.ThrowsExactly<WinVmException>(() => EnumOption.Parse<MediaKind>("usb", "MediaKind", ErrorCodes.UnknownMediaKind)).Code);
    }

    [TestMethod]
    public void Image_selection_is_an_index_from_1_or_a_name_never_both()
    {
        Assert.AreEqual(ImageSelection.Default, ImageSelection.Parse(null, ""));
        Assert.AreEqual(new ImageSelection(ImageSelection.IndexKey, "4"), ImageSelection.Parse("4", null));
        Assert.AreEqual(new ImageSelection(ImageSelection.NameKey, "Windows 11 Pro"), ImageSelection.Parse("", " Windows 11 Pro "));
        foreach (var (index, name) in new[] { ("0", (string?)null), ("-1", null), ("two", null), ("2", "Windows 11 Pro") })
        {
            Assert.AreEqual(ErrorCodes.ImageSelectionInvalid, Assert.ThrowsExactly<WinVmException>(() => ImageSelection.Parse(index, name)).Code, $"{index} {name}");
        }
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
    public void Cygwin_items_of_either_kind_give_names_and_archives()
    {
        var names = CygwinSelection.From([new("make"), new("openssh"), new("make")]);
        var closure = CygwinSelection.From(MediaTestInputs.ClosureItems);

        CollectionAssert.AreEqual(new[] { "make", "openssh" }, names.PackageNames.ToArray());
        Assert.AreEqual(0, names.ArchivePaths.Count);
        CollectionAssert.AreEqual(new[] { "libintl8", "make", "openssh" }, closure.PackageNames.ToArray());
        CollectionAssert.AreEqual(MediaTestInputs.ClosureItems.Select(i => i.ItemSpec).ToArray(), closure.ArchivePaths.ToArray());
        foreach (var bad in new CygwinPackageItem[] { new("make;del"), new("x86_64/release/make/make-4.4.1-2.tar.xz"), new("../../etc/passwd.tar.xz", "make") })
        {
            Assert.AreEqual(ErrorCodes.CygwinPackagesInvalid, Assert.ThrowsExactly<WinVmException>(() => CygwinSelection.From([bad])).Code, bad.ItemSpec);
        }

        Assert.AreEqual(ErrorCodes.CygwinPackagesInvalid, Assert.ThrowsExactly<WinVmException>(() => CygwinSelection.From([])).Code);
    }

    [TestMethod]
    public void A_secret_comes_inline_or_from_a_file_never_both()
    {
        var file = Path.Combine(TestPaths.NewScratchFolder("secret"), "key");
        File.WriteAllText(file, MediaTestInputs.ProductKey + "\n");

        Assert.AreEqual(MediaTestInputs.ProductKey, SecretInput.Resolve(null, file, "ProductKey"));
        Assert.AreEqual("inline", SecretInput.Resolve("inline", "", "ProductKey"));
        Assert.IsNull(SecretInput.Resolve("", null, "ProductKey"));
        Assert.AreEqual(ErrorCodes.SecretGivenTwice, Assert.ThrowsExactly<WinVmException>(() => SecretInput.Resolve("inline", file, "ProductKey")).Code);
        Assert.AreEqual(ErrorCodes.InputFileMissing, Assert.ThrowsExactly<WinVmException>(() => SecretInput.Resolve(null, file + ".missing", "ProductKey")).Code);
    }
}
