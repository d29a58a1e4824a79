using System.Text;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Host;

namespace WinVmBuild.Tests.Windows;

/// <summary>
/// The image list of a Windows ISO's install.wim, streamed out of the ISO through 7-Zip and read from the WIM's header
/// and XML data: once per ISO, then remembered by the ISO's identity.
/// </summary>
[TestClass]
[RequiresHostPackages]
public sealed class WindowsImageCatalogTests
{
    private const string Reading = "reading the image list of sources/install.wim";

    [TestMethod]
    public async Task The_images_of_a_two_image_wim_are_read_once_per_iso_and_again_once_it_changed()
    {
        var scratch = TestPaths.NewScratchFolder("catalog");
        var iso = await WindowsStandIn.CreateIsoAsync(scratch, StandInParts.Inert with { InstallImages = [StandInImage.Home, StandInImage.Professional] });
        var images = Path.Combine(scratch, "images");
        var log = new RecordingLog();

        var first = await new WindowsImageCatalog(images).ReadAsync(iso, log, CancellationToken.None);
        var second = await new WindowsImageCatalog(images).ReadAsync(iso, log, CancellationToken.None);
        var readsBeforeTouch = log.Messages.Count(message => message.Contains(Reading, StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(iso, DateTime.UtcNow.AddMinutes(-5));
        await new WindowsImageCatalog(images).ReadAsync(iso, log, CancellationToken.None);

        var windows11 = new Version(10, 0, 22631);
        CollectionAssert.AreEqual(
            new[] { new WindowsImage(1, "Windows 11 Home", "Core", null, windows11), new WindowsImage(2, "Windows 11 Pro", "Professional", null, windows11) },
            first.ToArray());
        CollectionAssert.AreEqual(first.ToArray(), second.ToArray());
        Assert.AreEqual(1, readsBeforeTouch, "the second read is the remembered list: the ISO is not read again");
        Assert.AreEqual(2, log.Messages.Count(message => message.Contains(Reading, StringComparison.Ordinal)), "a touched ISO is another file: read again");
        Assert.AreEqual(2, Directory.GetFiles(images).Length);
    }

    [TestMethod]
    public async Task An_install_wim_that_is_no_wim_is_WVB0215_and_not_remembered()
    {
        var scratch = TestPaths.NewScratchFolder("catalog-junk");
        var root = Directory.CreateDirectory(Path.Combine(scratch, "root", "sources")).Parent!.FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "sources", "install.wim"), "no WIM at all\n");
        var iso = Path.Combine(scratch, "junk.iso");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("genisoimage", ["-quiet", "-udf", "-o", iso, root]), CancellationToken.None);
        var images = Path.Combine(scratch, "images");

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => new WindowsImageCatalog(images).ReadAsync(iso, NullBuildLog.Instance, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InstallerIsoNotWindows, error.Code);
        StringAssert.Contains(error.Message, "its sources/install.wim is no WIM file");
        Assert.IsFalse(Directory.Exists(images));
    }

    [TestMethod]
    public async Task The_xml_data_is_read_from_a_stream_that_goes_only_forward()
    {
        var scratch = TestPaths.NewScratchFolder("wim-xml");
        Directory.CreateDirectory(Path.Combine(scratch, "image"));
        await File.WriteAllTextAsync(Path.Combine(scratch, "image", "file.txt"), new string('x', 100_000));
        var wim = Path.Combine(scratch, "install.wim");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("wimlib-imagex", ["capture", Path.Combine(scratch, "image"), wim, "Windows 11 Pro", "--compress=none"]), CancellationToken.None);
        var expected = Path.Combine(scratch, "expected.xml");
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("wimlib-imagex", ["info", wim, "--extract-xml", expected]), CancellationToken.None);

        await using var forwardOnly = new ForwardOnlyStream(File.OpenRead(wim));
        var xml = await WimXmlData.ReadAsync(forwardOnly, CancellationToken.None);

        Assert.AreEqual(Encoding.Unicode.GetString(await File.ReadAllBytesAsync(expected)).TrimStart('\uFEFF'), xml);
    }

    [TestMethod]
    public async Task A_stream_that_is_no_wim_or_ends_early_has_no_xml_data()
    {
        var header = new byte[208];
        "MSWIM\0\0\0"u8.CopyTo(header);
        header[0x48] = 100; // 100 bytes of XML data at offset 4096, which the stream never reaches
        header[0x50 + 1] = 0x10;

        Assert.IsNull(await WimXmlData.ReadAsync(new MemoryStream("PK\u0003\u0004 a zip file"u8.ToArray()), CancellationToken.None));
        Assert.IsNull(await WimXmlData.ReadAsync(new MemoryStream(header), CancellationToken.None));
    }

    /// <summary>A pipe's view of a file: it can be read front to back, never sought.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
