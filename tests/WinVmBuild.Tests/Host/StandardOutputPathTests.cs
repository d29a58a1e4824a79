using WinVmBuild.Host;

namespace WinVmBuild.Tests.Host;

[TestClass]
[RequiresHostPackages]
public sealed class StandardOutputPathTests
{
    [TestMethod]
    public async Task Standard_output_goes_byte_for_byte_to_the_file()
    {
        var scratch = TestPaths.NewScratchFolder("stdout-path");
        var output = Path.Combine(scratch, "out.bin");
        var lines = new List<string>();

        var result = await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("printf", ["a\\000b\\r\\nc"]) { StandardOutputPath = output, OnOutputLine = lines.Add },
            CancellationToken.None);

        CollectionAssert.AreEqual(new byte[] { (byte)'a', 0, (byte)'b', (byte)'\r', (byte)'\n', (byte)'c' }, await File.ReadAllBytesAsync(output));
        Assert.AreEqual(string.Empty, result.StandardOutput);
        Assert.AreEqual(0, lines.Count);
    }
}
