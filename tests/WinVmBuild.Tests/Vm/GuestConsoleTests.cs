using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

[TestClass]
public sealed class GuestConsoleTests
{
    [TestMethod]
    public void Keeps_the_last_lines_without_carriage_returns()
    {
        var console = new GuestConsole();
        for (var i = 0; i < GuestConsole.LinesKept + 10; i++)
        {
            console.Add($"line {i}\r");
        }

        CollectionAssert.AreEqual(new[] { $"line {GuestConsole.LinesKept + 8}", $"line {GuestConsole.LinesKept + 9}" }, console.Tail(2).ToList());
        Assert.AreEqual(GuestConsole.LinesKept, console.Tail(int.MaxValue).Count);
    }

    [TestMethod]
    public async Task A_wait_finds_an_earlier_line_or_the_next_matching_one()
    {
        var console = new GuestConsole();
        console.Add("booting");
        var never = new TaskCompletionSource().Task;

        Assert.AreEqual("booting", await console.WaitForLineAsync("boot", never));
        var waiting = console.WaitForLineAsync("sshd ready", never);
        console.Add("something else");
        Assert.IsFalse(waiting.IsCompleted);
        console.Add("sshd ready on 22");
        Assert.AreEqual("sshd ready on 22", await waiting);
    }

    [TestMethod]
    public async Task A_wait_gives_up_with_null()
    {
        Assert.IsNull(await new GuestConsole().WaitForLineAsync("never", Task.CompletedTask));
    }
}
