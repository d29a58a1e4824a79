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

    /// <summary>A full test run once saw a wait for a line end before the line reached QEMU's console callback.</summary>
    [TestMethod]
    public async Task The_listener_has_each_line_before_any_waiter_finds_it()
    {
        var heard = new List<string>();
        var console = new GuestConsole(line =>
        {
            // A slow listener: a waiter woken before it returns would find the line missing.
            Thread.Sleep(50);
            lock (heard)
            {
                heard.Add(line);
            }
        });
        var never = new TaskCompletionSource().Task;
        var waiting = console.WaitForLineAsync("ready", never);

        var adding = Task.Run(() => console.Add("ready\r"));
        var found = await waiting;
        lock (heard)
        {
            CollectionAssert.Contains(heard, "ready", "the waiter was woken before the listener had the line");
        }

        Assert.AreEqual("ready", found);
        await adding;
    }

    [TestMethod]
    public async Task A_wait_gives_up_with_null()
    {
        Assert.IsNull(await new GuestConsole().WaitForLineAsync("never", Task.CompletedTask));
    }
}
