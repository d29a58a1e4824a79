using WinVmBuild.Host;

namespace WinVmBuild.Tests.Host;

[TestClass]
[RequiresHostPackages]
public sealed class ShellQuoteTests
{
    [TestMethod]
    public async Task Every_hostile_value_comes_back_unchanged_from_sh()
    {
        foreach (var value in ShellTexts.Hostile)
        {
            var result = await ProcessRunner.RunCheckedAsync(
                new ProcessSpec("busybox", ["sh", "-c", $"printf '%s{ShellTexts.End}' {ShellQuote.Literal(value)}"]), CancellationToken.None);
            Assert.AreEqual(value, ShellTexts.Printed(result));
        }
    }

    [TestMethod]
    public void A_nul_character_is_refused_rather_than_cut()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ShellQuote.Literal("a\0b"));
    }
}
