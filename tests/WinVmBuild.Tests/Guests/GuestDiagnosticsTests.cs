using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;

namespace WinVmBuild.Tests.Guests;

/// <summary>When a line of the command's output is logged as what: a warning at once, an error once the exit code says so.</summary>
[TestClass]
public sealed class GuestDiagnosticsTests
{
    private const string GccError = "/tmp/winvmbuild/project/main.c:3:5: error: 'x' undeclared";
    private const string MsvcWarning = @"C:\cygwin64\tmp\winvmbuild\project\main.c(7,2): warning C4101: 'y': unreferenced local variable";

    private static readonly Lazy<string> Project = new(() => TestPaths.NewScratchFolder("diagnostics-project"));

    [TestMethod]
    public void A_warning_is_logged_at_once_on_the_host_file_with_its_own_code()
    {
        var diagnostics = Diagnostics(errorsAreErrors: false);

        var warning = diagnostics.Read(MsvcWarning);

        Assert.AreEqual(new CompilerDiagnostic(false, Path.Combine(Project.Value, "main.c"), 7, 2, "C4101", "'y': unreferenced local variable"), warning);
        Assert.IsEmpty(diagnostics.End(commandSucceeded: false));
    }

    [TestMethod]
    public void An_error_line_streams_as_a_message_and_is_an_error_when_the_command_fails()
    {
        var diagnostics = Diagnostics(errorsAreErrors: false);

        Assert.IsNull(diagnostics.Read(GccError));
        var held = diagnostics.End(commandSucceeded: false);

        Assert.AreEqual(new CompilerDiagnostic(true, Path.Combine(Project.Value, "main.c"), 3, 5, ErrorCodes.GuestDiagnostic, "'x' undeclared"), held.Single());
    }

    [TestMethod]
    public void An_error_line_of_a_command_that_exits_with_0_is_a_warning()
    {
        var diagnostics = Diagnostics(errorsAreErrors: false);

        diagnostics.Read(GccError);
        var held = diagnostics.End(commandSucceeded: true);

        Assert.IsFalse(held.Single().IsError);
        Assert.AreEqual(3, held.Single().Line);
    }

    [TestMethod]
    public void With_errors_as_errors_an_error_line_is_an_error_at_once()
    {
        var diagnostics = Diagnostics(errorsAreErrors: true);

        var error = diagnostics.Read(GccError);

        Assert.IsTrue(error?.IsError);
        Assert.IsEmpty(diagnostics.End(commandSucceeded: true));
    }

    [TestMethod]
    public void A_diagnostic_printed_again_as_msbuilds_summary_does_is_logged_once()
    {
        var diagnostics = Diagnostics(errorsAreErrors: false);

        Assert.IsNotNull(diagnostics.Read(MsvcWarning));
        diagnostics.Read(GccError);
        Assert.IsNull(diagnostics.Read(MsvcWarning));
        diagnostics.Read("  " + GccError);

        Assert.HasCount(1, diagnostics.End(commandSucceeded: false));
    }

    [TestMethod]
    public void Other_lines_are_messages_and_hold_nothing()
    {
        var diagnostics = Diagnostics(errorsAreErrors: false);

        Assert.IsNull(diagnostics.Read("make: *** [Makefile:3: all] Error 1"));
        Assert.IsNull(diagnostics.Read("gcc -c main.c"));

        Assert.IsEmpty(diagnostics.End(commandSucceeded: false));
    }

    private static GuestDiagnostics Diagnostics(bool errorsAreErrors) =>
        new(new GuestPathMapper(Project.Value, [], @"C:\cygwin64"), errorsAreErrors);
}
