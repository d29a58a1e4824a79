using WinVmBuild.Host;

namespace WinVmBuild.Tests.Host;

[TestClass]
[RequiresHostPackages]
public sealed class XorrisoTests
{
    [TestMethod]
    public async Task An_image_reads_back_with_long_names_and_identical_bytes()
    {
        var scratch = TestPaths.NewScratchFolder("xorriso");
        var source = Directory.CreateDirectory(Path.Combine(scratch, "source")).FullName;
        var longName = new string('a', 66) + ".tar.xz"; // 73 characters: past Joliet's default 64
        Directory.CreateDirectory(Path.Combine(source, "x86_64", "release"));
        await File.WriteAllBytesAsync(Path.Combine(source, "x86_64", "release", longName), [1, 2, 3, 0, 255]);
        var image = Path.Combine(scratch, "out.iso");

        await Xorriso.CreateImageAsync(source, image, "WINVMTEST", CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "/x86_64/release/" + longName }, (await Xorriso.ListFilesAsync(image, CancellationToken.None)).ToArray());
        var extracted = Path.Combine(scratch, "extracted");
        await Xorriso.ExtractAsync(image, extracted, CancellationToken.None);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 0, 255 }, await File.ReadAllBytesAsync(Path.Combine(extracted, "x86_64", "release", longName)));
        Assert.AreEqual(0, Directory.GetFiles(scratch, ".*.tmp").Length, "a temporary file was left behind");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(image), "an image may hold passwords");
    }

    [TestMethod]
    public async Task The_same_files_give_the_same_image_bytes_whenever_it_is_made()
    {
        var scratch = TestPaths.NewScratchFolder("xorriso-reproducible");
        var source = Directory.CreateDirectory(Path.Combine(scratch, "source")).FullName;
        var file = Path.Combine(source, "bootstrap.sh");
        await File.WriteAllTextAsync(file, "echo hi\n");

        await Xorriso.CreateImageAsync(source, Path.Combine(scratch, "one.iso"), "WINVMTEST", CancellationToken.None);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(1));
        await Xorriso.CreateImageAsync(source, Path.Combine(scratch, "two.iso"), "WINVMTEST", CancellationToken.None);

        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(scratch, "one.iso")), File.ReadAllBytes(Path.Combine(scratch, "two.iso")));
    }
}
