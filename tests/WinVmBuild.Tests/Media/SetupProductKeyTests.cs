using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;

namespace WinVmBuild.Tests.Media;

/// <summary>
/// Which product key setup gets for the chosen image: none for evaluation media, Microsoft's published generic key
/// for editions that have one, a coded refusal otherwise; never a key in a message.
/// </summary>
[TestClass]
public sealed class SetupProductKeyTests
{
    private const string Source = "WinVmIso '/isos/windows.iso'";
    private const string ProKey = "W269N-WFGWX-YVC9B-4J6C9-T83GX";
    private const string ProNKey = "MH37W-N47XK-V7XM9-C7227-GCQG9";
    private const string UsersKey = "ABCDE-12345-FGHIJ-67890-KLMNO";

    private static readonly Version Windows11 = new(10, 0, 22631);

    /// <summary>As Microsoft's retail Windows 11 ISO lists them: Home first.</summary>
    private static readonly WindowsImage[] Retail =
    [
        new(1, "Windows 11 Home", "Core", "Windows 11 Home", Windows11),
        new(2, "Windows 11 Home N", "CoreN", "Windows 11 Home N", Windows11),
        new(3, "Windows 11 Pro", "Professional", "Windows 11 Pro", Windows11),
        new(4, "Windows 11 Pro N", "ProfessionalN", "Windows 11 Pro N", Windows11),
    ];

    [TestMethod]
    [DataRow("EnterpriseEval", 22631)]
    [DataRow("ServerStandardEval", 20348)]
    [DataRow("ServerDatacenterEval", 26100)]
    public void An_evaluation_image_needs_no_key(string edition, int build)
    {
        WindowsImage[] images = [new(1, "Evaluation", edition, null, new Version(10, 0, build))];

        Assert.IsNull(SetupProductKey.ForImage(null, ImageSelection.Default, images, Source));
    }

    [TestMethod]
    public void An_edition_with_a_published_key_gets_it()
    {
        Assert.AreEqual(ProKey, SetupProductKey.ForImage(null, ImageSelection.ByName("Windows 11 Pro"), Retail, Source));
        Assert.AreEqual(ProNKey, SetupProductKey.ForImage(null, ImageSelection.ByIndex(4), Retail, Source));
    }

    [TestMethod]
    [DataRow("ServerStandard", 14393, "WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY")]
    [DataRow("ServerStandard", 20348, "VDYBN-27WPP-V4HQT-9VMD4-VMK7H")]
    [DataRow("ServerDatacenter", 26100, "D764K-2NDRG-47T6Q-P8T8W-YP6DF")]
    [DataRow("EnterpriseS", 14393, "DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ")]
    [DataRow("EnterpriseS", 19044, "M7XTQ-FN8P6-TTKYV-9D4CC-J462D")]
    public void Editions_that_span_releases_get_their_releases_key(string edition, int build, string expected)
    {
        WindowsImage[] images = [new(1, "Image", edition, null, new Version(10, 0, build))];

        Assert.AreEqual(expected, SetupProductKey.ForImage(null, ImageSelection.Default, images, Source));
    }

    [TestMethod]
    public void Home_without_a_key_is_WVB0217_naming_the_image_and_the_ways_out_but_no_key()
    {
        var error = Assert.ThrowsExactly<WinVmException>(() => SetupProductKey.ForImage(null, ImageSelection.Default, Retail, Source));

        Assert.AreEqual(ErrorCodes.ProductKeyNeeded, error.Code);
        StringAssert.Contains(error.Message, "'Windows 11 Home' (Core)");
        StringAssert.Contains(error.Message, "WinVmProductKeyFile");
        StringAssert.Contains(error.Message, "WinVmImageName ('Windows 11 Pro', 'Windows 11 Pro N')");
        StringAssert.Contains(error.Message, "evaluation media");
        Assert.DoesNotContain(ProKey, error.Message);
    }

    [TestMethod]
    public void An_image_without_a_version_gets_no_key_it_might_not_fit()
    {
        WindowsImage[] images = [new(1, "Windows 11 Pro", "Professional", null, null)];

        Assert.AreEqual(ErrorCodes.ProductKeyNeeded, Assert.ThrowsExactly<WinVmException>(() => SetupProductKey.ForImage(null, ImageSelection.Default, images, Source)).Code);
    }

    [TestMethod]
    public void The_projects_own_key_is_used_for_any_edition()
    {
        Assert.AreEqual(UsersKey, SetupProductKey.ForImage(UsersKey, ImageSelection.Default, Retail, Source));
        Assert.AreEqual(ProKey, SetupProductKey.ForImage(ProKey, ImageSelection.ByIndex(3), Retail, Source));
    }

    [TestMethod]
    [DataRow("7")]
    [DataRow("Windows 11 pro")]
    public void An_image_the_wim_does_not_have_is_WVB0218_listing_those_it_has(string chosen)
    {
        var selection = int.TryParse(chosen, out var index) ? ImageSelection.ByIndex(index) : ImageSelection.ByName(chosen);

        var error = Assert.ThrowsExactly<WinVmException>(() => SetupProductKey.ForImage(UsersKey, selection, Retail, Source));

        Assert.AreEqual(ErrorCodes.InstallImageNotFound, error.Code);
        StringAssert.Contains(error.Message, $"'{chosen}' names no image of {Source}");
        StringAssert.Contains(error.Message, "1: 'Windows 11 Home' (Core), 2: 'Windows 11 Home N' (CoreN), 3: 'Windows 11 Pro' (Professional)");
    }

    [TestMethod]
    public void Another_editions_generic_key_is_WVB0219_naming_that_edition_but_not_the_key()
    {
        var error = Assert.ThrowsExactly<WinVmException>(() => SetupProductKey.ForImage(ProNKey, ImageSelection.ByIndex(3), Retail, Source));

        Assert.AreEqual(ErrorCodes.ProductKeyForAnotherEdition, error.Code);
        StringAssert.Contains(error.Message, "generic key for Windows 10/11 Pro N");
        StringAssert.Contains(error.Message, "'Windows 11 Pro' (Professional)");
        StringAssert.Contains(error.Message, "Leave the key out");
        Assert.DoesNotContain(ProNKey, error.Message);
        Assert.DoesNotContain(ProKey, error.Message);
    }

    [TestMethod]
    public void A_generic_key_for_an_evaluation_image_is_WVB0219_too()
    {
        WindowsImage[] images = [new(1, "Windows Server 2022 SERVERSTANDARDCORE", "ServerStandardEval", null, new Version(10, 0, 20348))];

        var error = Assert.ThrowsExactly<WinVmException>(() => SetupProductKey.ForImage("VDYBN-27WPP-V4HQT-9VMD4-VMK7H", ImageSelection.Default, images, Source));

        Assert.AreEqual(ErrorCodes.ProductKeyForAnotherEdition, error.Code);
        StringAssert.Contains(error.Message, "Windows Server 2022 Standard");
        StringAssert.Contains(error.Message, "evaluation images need none");
    }

    [TestMethod]
    [DataRow(WindowsVersion.Xp, "Windows XP")]
    [DataRow(WindowsVersion.Server2003, "Windows Server 2003")]
    public void Xp_and_server_2003_always_need_the_projects_key(WindowsVersion version, string name)
    {
        var error = Assert.ThrowsExactly<WinVmException>(() => SetupProductKey.ForWinntSif(version, null));

        Assert.AreEqual(ErrorCodes.ProductKeyNeeded, error.Code);
        StringAssert.StartsWith(error.Message, name + " setup always asks for a product key");
        Assert.AreEqual(UsersKey, SetupProductKey.ForWinntSif(version, UsersKey));
    }

    [TestMethod]
    public void A_published_key_stays_out_of_formatted_text()
    {
        var published = GenericProductKeys.For(Retail[2])!;

        Assert.AreEqual(ProKey, published.Key);
        Assert.AreEqual("GenericProductKey { Windows 10/11 Pro }", published.ToString());
    }
}
