using WinVmBuild.Cache;

namespace WinVmBuild.Tests.Cache;

[TestClass]
public sealed class ByteSizeTests
{
    [TestMethod]
    [DataRow("100GB", 100L << 30)]
    [DataRow("500 MB", 500L << 20)]
    [DataRow("1.5TB", 3L << 39)]
    [DataRow("10kb", 10L << 10)]
    [DataRow(" 2 Gb ", 2L << 30)]
    [DataRow("4096", 4096L)]
    [DataRow("4096 B", 4096L)]
    [DataRow("0", 0L)]
    public void A_size_is_a_number_with_an_optional_1024_based_unit_in_any_case(string text, long bytes) =>
        Assert.AreEqual(bytes, ByteSize.Parse(text));

    [TestMethod]
    [DataRow("")]
    [DataRow("GB")]
    [DataRow("100 GiB")]
    [DataRow("-1GB")]
    [DataRow("1,5GB")]
    [DataRow("1e9")]
    [DataRow("100 G")]
    [DataRow("9000000000 TB")]
    public void Anything_else_is_no_size(string text) => Assert.IsNull(ByteSize.Parse(text));

    [TestMethod]
    [DataRow(0L, "0 B")]
    [DataRow(1023L, "1023 B")]
    [DataRow(1536L, "1.5 KB")]
    [DataRow(100L << 30, "100 GB")]
    [DataRow((5L << 40) / 2, "2.5 TB")]
    public void A_size_is_written_in_the_largest_unit_it_reaches(long bytes, string text) => Assert.AreEqual(text, ByteSize.Format(bytes));
}
