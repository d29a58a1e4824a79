using WinVmBuild.Stages;

namespace WinVmBuild.Tests.Stages;

[TestClass]
public sealed class ReadyLineTests
{
    [TestMethod]
    public void Lines_read_before_the_ready_line_are_held_then_passed_on_and_the_ready_line_itself_never()
    {
        var passed = new List<string>();
        var ready = 0;
        var output = new ReadyLine("ready-42", () => ready++, passed.Add);

        output.OnLine("an error line that raced the ready line");
        Assert.IsEmpty(passed);
        output.OnLine("ready-42");
        output.OnLine("hello");
        output.OnLine("ready-42");

        Assert.IsTrue(output.Seen);
        Assert.AreEqual(1, ready);
        CollectionAssert.AreEqual(new[] { "an error line that raced the ready line", "hello", "ready-42" }, passed);
    }

    [TestMethod]
    public void Without_the_ready_line_nothing_is_passed_on_and_what_was_said_is_kept_for_the_error()
    {
        var passed = new List<string>();
        var output = new ReadyLine("ready-42", () => { }, passed.Add);

        output.OnLine("winvmbuild: could not mount the share tools");

        Assert.IsFalse(output.Seen);
        Assert.IsEmpty(passed);
        Assert.AreEqual("\n  winvmbuild: could not mount the share tools", output.ToString());
    }
}
