namespace WinVmBuild.Guests.Windows.AnswerFiles;

/// <summary>
/// The partitions setup creates on the VM's empty disk, and the one Windows goes on. BIOS boots from an active MBR
/// partition; UEFI needs GPT with an EFI system partition (FAT32) and the Microsoft reserved partition before Windows.
/// </summary>
internal static class AutounattendDisk
{
    /// <summary>The partition Windows is installed to (InstallTo/PartitionID).</summary>
    public static int WindowsPartition(Firmware firmware) => firmware == Firmware.Uefi ? 3 : 1;

    public static void Write(UnattendXmlWriter xml, Firmware firmware) => xml.Element("DiskConfiguration", () =>
    {
        xml.ListItem("Disk", () =>
        {
            xml.Element("DiskID", "0");
            xml.Element("WillWipeDisk", "true");
            xml.Element("CreatePartitions", () =>
            {
                if (firmware == Firmware.Uefi)
                {
                    CreatePartition(xml, 1, "EFI", sizeMegabytes: 100);
                    CreatePartition(xml, 2, "MSR", sizeMegabytes: 16);
                }

                CreatePartition(xml, WindowsPartition(firmware), "Primary", sizeMegabytes: null);
            });
            xml.Element("ModifyPartitions", () =>
            {
                if (firmware == Firmware.Uefi)
                {
                    xml.ListItem("ModifyPartition", () =>
                    {
                        xml.Element("Order", "1");
                        xml.Element("PartitionID", "1");
                        xml.Element("Format", "FAT32");
                        xml.Element("Label", "System");
                    });
                }

                xml.ListItem("ModifyPartition", () =>
                {
                    // The MSR partition is never formatted, so the Windows partition is the second one modified.
                    xml.Element("Order", firmware == Firmware.Uefi ? "2" : "1");
                    xml.Element("PartitionID", WindowsPartition(firmware).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    xml.Element("Format", "NTFS");
                    xml.Element("Label", "Windows");
                    xml.Element("Letter", "C");
                    if (firmware == Firmware.Bios)
                    {
                        xml.Element("Active", "true");
                    }
                });
            });
        });
        xml.Element("WillShowUI", "OnError");
    });

    private static void CreatePartition(UnattendXmlWriter xml, int order, string type, int? sizeMegabytes) =>
        xml.ListItem("CreatePartition", () =>
        {
            xml.Element("Order", order.ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.Element("Type", type);
            if (sizeMegabytes is { } size)
            {
                xml.Element("Size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                xml.Element("Extend", "true");
            }
        });
}
