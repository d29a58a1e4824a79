using WinVmBuild.Tasks;

namespace WinVmBuild.Tests.Sdk;

[TestClass]
public sealed class ShellTerminalTests
{
    [TestMethod]
    [DataRow("dotnet build -t:WinVmShell -tl:off", null)]
    [DataRow("dotnet build -t:WinVmShell --tl:false", null)]
    [DataRow("dotnet build -t:WinVmShell /terminalLogger:OFF", null)]
    [DataRow("dotnet build -t:WinVmShell -noConsoleLogger", null)]
    [DataRow("dotnet build -t:WinVmShell", "off")]
    [DataRow("dotnet build -t:WinVmShell -tl:on -tl:off", null)]
    public void The_shell_takes_a_terminal_whose_terminal_logger_is_off(string commandLine, string? variable)
    {
        Assert.IsNull(ShellTerminal.WhyNot(true, true, commandLine.Split(' '), variable));
    }

    [TestMethod]
    [DataRow("dotnet build -t:WinVmShell", null)]
    [DataRow("dotnet build -t:WinVmShell -tl", "off")]
    [DataRow("dotnet build -t:WinVmShell -tl:off -tl:auto", null)]
    [DataRow("dotnet build -t:WinVmShell", "auto")]
    public void A_terminal_logger_that_may_draw_is_named_with_the_switch_that_turns_it_off(string commandLine, string? variable)
    {
        StringAssert.Contains(ShellTerminal.WhyNot(true, true, commandLine.Split(' '), variable), "dotnet build -t:WinVmShell -tl:off");
    }

    [TestMethod]
    [DataRow(false, true)]
    [DataRow(true, false)]
    public void Input_or_output_redirected_is_no_terminal(bool input, bool output)
    {
        StringAssert.Contains(ShellTerminal.WhyNot(input, output, ["dotnet", "build", "-tl:off"], null), "no terminal");
    }
}
