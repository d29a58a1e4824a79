using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>
/// `dotnet build` of a test-guest project whose command prints what gcc and MSVC print: its diagnostics become MSBuild
/// errors and warnings on the host files (asserted on the build's binary log), and WinVmBuild's own codes link to their
/// rows of the errors page the package carries (asserted on the hyperlinks MSBuild's terminal logger writes).
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed partial class SdkDiagnosticsTests
{
    private const string GccError = "/tmp/winvmbuild/project/src/main.c:3:5: error: 'x' undeclared (first use in this function)";

    /// <summary>A gcc error, an MSVC error with a relative path, a gcc warning in the project and one outside it; then exits with $1.</summary>
    private const string Script = $"""
        echo "compiling src/main.c"
        echo "{GccError}"
        echo "src/main.c(7,2): error C2065: 'y': undeclared identifier"
        echo "/tmp/winvmbuild/project/src/main.c:9:1: warning: unused variable 'z' [-Wunused-variable]"
        echo "/usr/include/stdio.h:27:1: warning: a header outside the project"
        mkdir -p out && echo built > out/hello.txt
        exit "$1"

        """;

    [TestMethod]
    public async Task A_failing_commands_compiler_errors_are_msbuild_errors_on_the_host_files_and_wvb_codes_link_to_their_rows()
    {
        var project = await ProjectAsync("diagnostics-failing", exitCode: 2);
        var log = BinaryLog.NewPath("failing");

        var build = await project.BuildAsync($"-bl:{log}", "-tl:on");

        Assert.AreNotEqual(0, build.ExitCode, build.StandardOutput);
        var binary = BinaryLog.Read(log);
        var main = Path.Combine(project.Folder, "src", "main.c");
        CollectionAssert.IsSubsetOf(
            new[]
            {
                new BinaryLog.Diagnostic(ErrorCodes.GuestDiagnostic, main, 3, 5, "'x' undeclared (first use in this function)"),
                new BinaryLog.Diagnostic("C2065", main, 7, 2, "'y': undeclared identifier"),
            },
            binary.Errors.ToList());
        CollectionAssert.IsSubsetOf(
            new[]
            {
                new BinaryLog.Diagnostic(ErrorCodes.GuestDiagnostic, main, 9, 1, "unused variable 'z' [-Wunused-variable]"),
                // Outside the project and the shares: the guest's path, never a host file it is not.
                new BinaryLog.Diagnostic(ErrorCodes.GuestDiagnostic, "/usr/include/stdio.h", 27, 1, "a header outside the project"),
            },
            binary.Warnings.ToList());
        Assert.IsTrue(binary.Errors.Any(error => error.Code == ErrorCodes.GuestCommandFailed), build.StandardOutput);
        CollectionAssert.Contains(binary.Messages.ToList(), "compiling src/main.c");

        var links = HelpLinks(build.StandardOutput);
        foreach (var code in new[] { ErrorCodes.GuestCommandFailed, ErrorCodes.GuestDiagnostic })
        {
            Assert.IsTrue(links.TryGetValue(code, out var url), $"no link on {code}:\n{build.StandardOutput}");
            var link = new Uri(url);
            Assert.AreEqual("#" + code.ToLowerInvariant(), link.Fragment);
            StringAssert.StartsWith(link.LocalPath, SdkPackage.PackagesFolder + "/");
            StringAssert.Contains(await File.ReadAllTextAsync(link.LocalPath), $"| <a id=\"{code.ToLowerInvariant()}\"></a>{code} |");
        }
    }

    [TestMethod]
    public async Task Error_lines_of_a_command_that_exits_with_0_are_warnings_unless_treated_as_errors_and_messages_when_parsing_is_off()
    {
        var project = await ProjectAsync("diagnostics-succeeding", exitCode: 0);
        var (warned, failed, plain) = (BinaryLog.NewPath("warned"), BinaryLog.NewPath("failed"), BinaryLog.NewPath("plain"));
        var main = Path.Combine(project.Folder, "src", "main.c");
        var gccError = new BinaryLog.Diagnostic(ErrorCodes.GuestDiagnostic, main, 3, 5, "'x' undeclared (first use in this function)");
        var msvcError = new BinaryLog.Diagnostic("C2065", main, 7, 2, "'y': undeclared identifier");

        // Each build runs the command again: the two properties are among the run stage's settings.
        var warnedBuild = await project.BuildAsync($"-bl:{warned}");
        var failedBuild = await project.BuildAsync($"-bl:{failed}", "-p:WinVmTreatGuestErrorsAsErrors=true");
        var plainBuild = await project.BuildAsync($"-bl:{plain}", "-p:WinVmParseDiagnostics=false");

        BuildAssert.Succeeded(warnedBuild);
        var asWarnings = BinaryLog.Read(warned);
        Assert.IsEmpty(asWarnings.Errors);
        CollectionAssert.IsSubsetOf(new[] { gccError, msvcError }, asWarnings.Warnings.ToList());

        Assert.AreNotEqual(0, failedBuild.ExitCode, failedBuild.StandardOutput);
        var asErrors = BinaryLog.Read(failed);
        CollectionAssert.IsSubsetOf(new[] { gccError, msvcError }, asErrors.Errors.ToList());
        Assert.IsFalse(asErrors.Errors.Any(error => error.Code == ErrorCodes.GuestCommandFailed), "the command itself succeeded");

        BuildAssert.Succeeded(plainBuild);
        var asMessages = BinaryLog.Read(plain);
        Assert.IsEmpty(asMessages.Errors);
        Assert.IsFalse(asMessages.Warnings.Any(warning => warning.Code is ErrorCodes.GuestDiagnostic or "C2065"), plainBuild.StandardOutput);
        CollectionAssert.Contains(asMessages.Messages.ToList(), GccError);
    }

    private static async Task<SdkTestProject> ProjectAsync(string name, int exitCode) =>
        await SdkTestProject.CreateAsync(name, new Dictionary<string, string>
        {
            ["Diagnostics.proj"] = await TestGuestProject.StandaloneProjectAsync($"sh print-diagnostics.sh {exitCode}"),
            ["print-diagnostics.sh"] = Script,
            ["src/main.c"] = "int main(void) { return x + y; }\n",
        });

    /// <summary>Each code the terminal logger wrote as a hyperlink (OSC 8), with the link's URL.</summary>
    private static Dictionary<string, string> HelpLinks(string output) =>
        Hyperlink().Matches(output)
            .GroupBy(match => match.Groups["code"].Value)
            .ToDictionary(group => group.Key, group => group.First().Groups["url"].Value);

    [GeneratedRegex(@"\x1B\]8;;(?<url>[^\x1B]+)\x1B\\(?<code>WVB\d{4})\x1B\]8;;\x1B\\")]
    private static partial Regex Hyperlink();
}
