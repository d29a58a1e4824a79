namespace WinVmBuild.Guests.Windows;

/// <summary>
/// The generic keys Microsoft publishes for setup, one per edition and release: the KMS client setup keys (GVLKs) of
/// "Key Management Services (KMS) client activation and product keys",
/// https://learn.microsoft.com/windows-server/get-started/kms-client-activation-keys (each key below is copied from
/// that page, under the product name it gives). Setup accepts them and installs the edition they are for; Windows stays
/// unactivated unless a KMS host activates it, which a build VM does not need. The editions the supported versions have
/// and Microsoft lists; an edition missing here (Home, Core, Ultimate, …) has no published key.
/// </summary>
/// <remarks>
/// An image is matched by its edition ID and its release: major and minor version, and the build where one edition
/// ID spans releases with different keys (Windows 10/11 Enterprise LTSB/LTSC, Windows Server). The edition IDs are
/// Windows' own (<c>DISM /Get-CurrentEdition</c>; ServerStandard and ServerDatacenter as Microsoft's "Upgrade and
/// conversion options for Windows Server" names them); the builds are each release's RTM build.
/// </remarks>
public static class GenericProductKeys
{
    private static readonly GenericProductKey[] Keys =
    [
        // Windows Vista (6.0).
        new("Windows Vista Business", "Business", 6, 0, null, "YFKBB-PQJJV-G996G-VWGXY-2V3X8"),
        new("Windows Vista Business N", "BusinessN", 6, 0, null, "HMBQG-8H2RH-C77VX-27R82-VMQBT"),
        new("Windows Vista Enterprise", "Enterprise", 6, 0, null, "VKK3X-68KWM-X2YGT-QR4M6-4BWMV"),
        new("Windows Vista Enterprise N", "EnterpriseN", 6, 0, null, "VTC42-BM838-43QHV-84HX6-XJXKV"),

        // Windows 7 (6.1).
        new("Windows 7 Professional", "Professional", 6, 1, null, "FJ82H-XT6CR-J8D7P-XQJJ2-GPDD4"),
        new("Windows 7 Professional N", "ProfessionalN", 6, 1, null, "MRPKT-YTG23-K7D7T-X2JMM-QY7MG"),
        new("Windows 7 Professional E", "ProfessionalE", 6, 1, null, "W82YF-2Q76Y-63HXB-FGJG9-GF7QX"),
        new("Windows 7 Enterprise", "Enterprise", 6, 1, null, "33PXH-7Y6KF-2VJC9-XBBR8-HVTHH"),
        new("Windows 7 Enterprise N", "EnterpriseN", 6, 1, null, "YDRBP-3D83W-TY26F-D46B2-XCKRJ"),
        new("Windows 7 Enterprise E", "EnterpriseE", 6, 1, null, "C29WB-22CC8-VJ326-GHFJW-H9DH4"),

        // Windows 8.1 (6.3).
        new("Windows 8.1 Pro", "Professional", 6, 3, null, "GCRJD-8NW9H-F2CDX-CCM8D-9D6T9"),
        new("Windows 8.1 Pro N", "ProfessionalN", 6, 3, null, "HMCNV-VVBFX-7HMBH-CTY9B-B4FXY"),
        new("Windows 8.1 Enterprise", "Enterprise", 6, 3, null, "MHF9N-XY6XB-WVXMC-BTDCT-MKKG7"),
        new("Windows 8.1 Enterprise N", "EnterpriseN", 6, 3, null, "TT4HM-HN7YT-62K67-RGRQJ-JFFXW"),

        // Windows 10 and 11 (10.0), general availability channel: one key for both.
        new("Windows 10/11 Pro", "Professional", 10, 0, null, "W269N-WFGWX-YVC9B-4J6C9-T83GX"),
        new("Windows 10/11 Pro N", "ProfessionalN", 10, 0, null, "MH37W-N47XK-V7XM9-C7227-GCQG9"),
        new("Windows 10/11 Pro for Workstations", "ProfessionalWorkstation", 10, 0, null, "NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J"),
        new("Windows 10/11 Pro for Workstations N", "ProfessionalWorkstationN", 10, 0, null, "9FNHH-K3HBT-3W4TD-6383H-6XYWF"),
        new("Windows 10/11 Pro Education", "ProfessionalEducation", 10, 0, null, "6TP4R-GNPTD-KYYHQ-7B7DP-J447Y"),
        new("Windows 10/11 Pro Education N", "ProfessionalEducationN", 10, 0, null, "YVWGF-BXNMC-HTQYQ-CPQ99-66QFC"),
        new("Windows 10/11 Education", "Education", 10, 0, null, "NW6C2-QMPVW-D7KKK-3GKT6-VCFB2"),
        new("Windows 10/11 Education N", "EducationN", 10, 0, null, "2WH4N-8QGBV-H22JP-CT43Q-MDWWJ"),
        new("Windows 10/11 Enterprise", "Enterprise", 10, 0, null, "NPPR9-FWDCX-D2C8J-H872K-2YT43"),
        new("Windows 10/11 Enterprise N", "EnterpriseN", 10, 0, null, "DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4"),
        new("Windows 10/11 Enterprise G", "EnterpriseG", 10, 0, null, "YYVX9-NTFWV-6MDM3-9PT4T-4M68B"),
        new("Windows 10/11 Enterprise G N", "EnterpriseGN", 10, 0, null, "44RPN-FTY23-9VTTB-MP9BX-T84FV"),

        // Windows 10 and 11 Enterprise LTSB/LTSC: one edition ID, a key per release.
        new("Windows 10 Enterprise LTSB 2015", "EnterpriseS", 10, 0, 10240, "WNMTR-4C88C-JK8YV-HQ7T2-76DF9"),
        new("Windows 10 Enterprise N LTSB 2015", "EnterpriseSN", 10, 0, 10240, "2F77B-TNFGY-69QQF-B8YKP-D69TJ"),
        new("Windows 10 Enterprise LTSB 2016", "EnterpriseS", 10, 0, 14393, "DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ"),
        new("Windows 10 Enterprise N LTSB 2016", "EnterpriseSN", 10, 0, 14393, "QFFDN-GRT3P-VKWWX-X7T3R-8B639"),
        new("Windows 10 Enterprise LTSC 2019", "EnterpriseS", 10, 0, 17763, "M7XTQ-FN8P6-TTKYV-9D4CC-J462D"),
        new("Windows 10 Enterprise N LTSC 2019", "EnterpriseSN", 10, 0, 17763, "92NFX-8DJQP-P6BBQ-THF9C-7CG2H"),
        new("Windows 10 Enterprise LTSC 2021", "EnterpriseS", 10, 0, 19044, "M7XTQ-FN8P6-TTKYV-9D4CC-J462D"),
        new("Windows 10 Enterprise N LTSC 2021", "EnterpriseSN", 10, 0, 19044, "92NFX-8DJQP-P6BBQ-THF9C-7CG2H"),
        new("Windows 11 Enterprise LTSC 2024", "EnterpriseS", 10, 0, 26100, "M7XTQ-FN8P6-TTKYV-9D4CC-J462D"),
        new("Windows 11 Enterprise N LTSC 2024", "EnterpriseSN", 10, 0, 26100, "92NFX-8DJQP-P6BBQ-THF9C-7CG2H"),

        // Windows Server LTSC (10.0, by build).
        new("Windows Server 2016 Standard", "ServerStandard", 10, 0, 14393, "WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY"),
        new("Windows Server 2016 Datacenter", "ServerDatacenter", 10, 0, 14393, "CB7KF-BWN84-R7R2Y-793K2-8XDDG"),
        new("Windows Server 2016 Essentials", "ServerSolution", 10, 0, 14393, "JCKRF-N37P4-C2D82-9YXRT-4M63B"),
        new("Windows Server 2019 Standard", "ServerStandard", 10, 0, 17763, "N69G4-B89J2-4G8F4-WWYCC-J464C"),
        new("Windows Server 2019 Datacenter", "ServerDatacenter", 10, 0, 17763, "WMDGN-G9PQG-XVVXX-R3X43-63DFG"),
        new("Windows Server 2019 Essentials", "ServerSolution", 10, 0, 17763, "WVDHN-86M7X-466P6-VHXV7-YY726"),
        new("Windows Server 2022 Standard", "ServerStandard", 10, 0, 20348, "VDYBN-27WPP-V4HQT-9VMD4-VMK7H"),
        new("Windows Server 2022 Datacenter", "ServerDatacenter", 10, 0, 20348, "WX4NM-KYWYW-QJJR4-XV3QB-6VM33"),
        new("Windows Server 2022 Datacenter: Azure Edition", "ServerTurbine", 10, 0, 20348, "NTBV8-9K7Q8-V27C6-M2BTV-KHMXV"),
        new("Windows Server 2025 Standard", "ServerStandard", 10, 0, 26100, "TVRH6-WHNXV-R9WG3-9XRFY-MY832"),
        new("Windows Server 2025 Datacenter", "ServerDatacenter", 10, 0, 26100, "D764K-2NDRG-47T6Q-P8T8W-YP6DF"),
        new("Windows Server 2025 Datacenter: Azure Edition", "ServerTurbine", 10, 0, 26100, "XGN3F-F394H-FD2MY-PP6FD-8MCRC"),
    ];

    /// <summary>The published key <paramref name="image"/> installs with, or null when Microsoft publishes none for it.</summary>
    public static GenericProductKey? For(WindowsImage image) => Keys.FirstOrDefault(key => key.Fits(image));

    /// <summary>The editions <paramref name="productKey"/> (upper case) is the published key of; empty for any other key.</summary>
    public static IReadOnlyList<GenericProductKey> Named(string productKey) => Keys.Where(key => key.Key == productKey).ToList();
}

/// <summary>One published generic key: the edition it installs (<paramref name="Product"/>, as Microsoft's page names it) and the images that are that edition.</summary>
/// <param name="Build">The release's build when the edition ID and version span releases with different keys; null for any build.</param>
public sealed record GenericProductKey(string Product, string EditionId, int Major, int Minor, int? Build, string Key)
{
    public bool Fits(WindowsImage image) =>
        string.Equals(image.EditionId, EditionId, StringComparison.OrdinalIgnoreCase)
        && image.Version is { } version
        && version.Major == Major
        && version.Minor == Minor
        && (Build is null || version.Build == Build);

    /// <summary>Names the edition only: a key is a secret wherever it came from.</summary>
    public override string ToString() => $"{nameof(GenericProductKey)} {{ {Product} }}";
}
