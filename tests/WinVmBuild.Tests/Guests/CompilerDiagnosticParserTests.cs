using WinVmBuild.Guests;

namespace WinVmBuild.Tests.Guests;

/// <summary>The lines compilers print for errors and warnings, as the build log gets them; and lines that only look close.</summary>
[TestClass]
public sealed class CompilerDiagnosticParserTests
{
    private const string Error = "error";
    private const string Warning = "warning";

    [TestMethod]
    // gcc and clang.
    [DataRow("/tmp/winvmbuild/project/src/main.c:3:5: error: 'x' undeclared (first use in this function)",
        Error, "/tmp/winvmbuild/project/src/main.c", 3, 5, "", "'x' undeclared (first use in this function)")]
    [DataRow("src/main.c:10:12: warning: unused variable 'y' [-Wunused-variable]",
        Warning, "src/main.c", 10, 12, "", "unused variable 'y' [-Wunused-variable]")]
    [DataRow("main.c:7: error: expected ';' before '}' token", Error, "main.c", 7, 0, "", "expected ';' before '}' token")]
    [DataRow("\u001b[01m\u001b[Ka.cpp:4:3:\u001b[m\u001b[K \u001b[01;31m\u001b[Kerror: \u001b[m\u001b[Kuse of undeclared identifier 'f'",
        Error, "a.cpp", 4, 3, "", "use of undeclared identifier 'f'")]
    [DataRow("/mnt/my share/my file.c:2:1: warning: implicit declaration", Warning, "/mnt/my share/my file.c", 2, 1, "", "implicit declaration")]
    [DataRow("/cygdrive/c/cygwin64/tmp/winvmbuild/project/a.c:1:2: error: t", Error, "/cygdrive/c/cygwin64/tmp/winvmbuild/project/a.c", 1, 2, "", "t")]
    [DataRow(@"C:\cygwin64\tmp\winvmbuild\project\a.c:9:8: error: t", Error, @"C:\cygwin64\tmp\winvmbuild\project\a.c", 9, 8, "", "t")]
    [DataRow("../lib/x.h:5:1: error: t", Error, "../lib/x.h", 5, 1, "", "t")]
    // MSVC, csc and MSBuild's own format.
    [DataRow(@"C:\cygwin64\tmp\winvmbuild\project\main.c(3,5): error C2065: 'x': undeclared identifier",
        Error, @"C:\cygwin64\tmp\winvmbuild\project\main.c", 3, 5, "C2065", "'x': undeclared identifier")]
    [DataRow(@"src\main.c(12): warning C4101: 'y': unreferenced local variable", Warning, @"src\main.c", 12, 0, "C4101", "'y': unreferenced local variable")]
    [DataRow("  /tmp/winvmbuild/project/Program.cs(3,18): error CS1002: ; expected [/tmp/winvmbuild/project/App.csproj]",
        Error, "/tmp/winvmbuild/project/Program.cs", 3, 18, "CS1002", "; expected [/tmp/winvmbuild/project/App.csproj]")]
    [DataRow(@"C:\My Project\File.cs (7,1) : warning CS0168: unused", Warning, @"C:\My Project\File.cs", 7, 1, "CS0168", "unused")]
    [DataRow("/tmp/winvmbuild/project/x.proj(2,3): error : the target failed", Error, "/tmp/winvmbuild/project/x.proj", 2, 3, "", "the target failed")]
    [DataRow("a.cs(1,1): ERROR X1: shouted", Error, "a.cs", 1, 1, "X1", "shouted")]
    // A tool, or nothing, where the file would be: only with a code.
    [DataRow("CSC : error CS2001: Source file 'a.cs' could not be found.", Error, "CSC", 0, 0, "CS2001", "Source file 'a.cs' could not be found.")]
    [DataRow("error CS0006: Metadata file 'x.dll' could not be found", Error, "", 0, 0, "CS0006", "Metadata file 'x.dll' could not be found")]
    [DataRow(@"C:\work\a.obj : warning LNK4042: object specified more than once", Warning, @"C:\work\a.obj", 0, 0, "LNK4042", "object specified more than once")]
    public void A_diagnostic_line_is_read_into_its_fields(string line, string category, string file, int lineNumber, int column, string code, string text)
    {
        var diagnostic = CompilerDiagnosticParser.Parse(line);

        Assert.AreEqual(new CompilerDiagnostic(category == Error, file, lineNumber, column, code, text), diagnostic);
    }

    [TestMethod]
    [DataRow("main.c:1:10: fatal error: missing.h: No such file or directory", "missing.h: No such file or directory")]
    [DataRow("main.c(1): fatal error C1083: Cannot open include file: 'missing.h'", "Cannot open include file: 'missing.h'")]
    [DataRow("LINK : fatal error LNK1181: cannot open input file 'foo.obj'", "cannot open input file 'foo.obj'")]
    public void A_fatal_error_is_an_error_of_the_subcategory_fatal(string line, string text)
    {
        var diagnostic = CompilerDiagnosticParser.Parse(line);

        Assert.IsNotNull(diagnostic);
        Assert.IsTrue(diagnostic.IsError);
        Assert.AreEqual("fatal", diagnostic.Subcategory);
        Assert.AreEqual(text, diagnostic.Text);
    }

    [TestMethod]
    public void A_subcategory_and_the_ranges_of_msbuilds_format_are_kept()
    {
        var commandLine = CompilerDiagnosticParser.Parse("Main.cs(17,20): Command line warning CS0168: The variable 'foo' is declared but never used");
        var lineColumnRange = CompilerDiagnosticParser.Parse("12>C:\\src\\File.cs(7,1,8,9): warning CS0168: t");
        var columns = CompilerDiagnosticParser.Parse("a.cs(3,5-9): error X1: t");
        var lines = CompilerDiagnosticParser.Parse("doc.txt(3-5): error DOC1: overlapping");

        Assert.AreEqual("Command line", commandLine?.Subcategory);
        Assert.AreEqual(new CompilerDiagnostic(false, @"C:\src\File.cs", 7, 1, "CS0168", "t") { EndLine = 8, EndColumn = 9 }, lineColumnRange);
        Assert.AreEqual(new CompilerDiagnostic(true, "a.cs", 3, 5, "X1", "t") { EndColumn = 9 }, columns);
        Assert.AreEqual(new CompilerDiagnostic(true, "doc.txt", 3, 0, "DOC1", "overlapping") { EndLine = 5 }, lines);
    }

    [TestMethod]
    public void A_long_line_keeps_its_whole_text()
    {
        var text = "no matching function for call to " + new string('T', 5000);

        var diagnostic = CompilerDiagnosticParser.Parse($"a.cpp:1:2: error: {text}");

        Assert.AreEqual(text, diagnostic?.Text);
    }

    [TestMethod]
    [DataRow("make: *** [Makefile:3: all] Error 1")]
    [DataRow("main.c:3:5: note: declared here")]
    [DataRow("In file included from /tmp/winvmbuild/project/a.h:3,")]
    [DataRow("/usr/bin/ld: main.o: in function `main': main.c:(.text+0x1e): undefined reference to `foo'")]
    [DataRow("collect2: error: ld returned 1 exit status")]
    [DataRow("12:34:56: warning: the clock is late")]
    [DataRow("main.c:3:5: ERROR: gcc never shouts")]
    [DataRow("Some text mentioning error E42: here")]
    [DataRow("error: no code, no file")]
    [DataRow("warning: LF will be replaced by CRLF in a.c.")]
    [DataRow("    1 Error(s)")]
    [DataRow("3 errors generated.")]
    [DataRow("The errors(3): were fixed")]
    [DataRow("a.c:3:5: errors: plural")]
    [DataRow("all good")]
    public void A_line_that_only_looks_close_is_no_diagnostic(string line)
    {
        Assert.IsNull(CompilerDiagnosticParser.Parse(line));
    }
}
