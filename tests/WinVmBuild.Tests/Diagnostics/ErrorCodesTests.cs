using System.Reflection;
using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Diagnostics;

[TestClass]
public sealed partial class ErrorCodesTests
{
    private static readonly IReadOnlyList<string> Codes = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (string)field.GetValue(null)!)
        .ToList();

    [TestMethod]
    public void Every_code_is_unique_and_documented_in_docs_errors_md()
    {
        var documented = DocumentedRows();

        Assert.HasCount(Codes.Count, Codes.Distinct().ToList(), "a code is defined twice");
        foreach (var code in Codes)
        {
            Assert.IsTrue(documented.TryGetValue(code, out var row) && !row.Contains("Retired", StringComparison.Ordinal), $"{code} has no row in docs/errors.md");
        }
    }

    [TestMethod]
    public void Every_documented_code_is_defined_or_marked_retired()
    {
        foreach (var (code, row) in DocumentedRows().Where(row => !Codes.Contains(row.Key)))
        {
            StringAssert.Contains(row, "Retired", $"{code} is documented but not defined");
        }
    }

    /// <summary>The table rows of docs/errors.md by the code in their first cell (a range row names its first code).</summary>
    private static Dictionary<string, string> DocumentedRows() =>
        File.ReadLines(Path.Combine(TestPaths.RepositoryRoot, "docs", "errors.md"))
            .Select(line => (Match: RowCode().Match(line), Line: line))
            .Where(row => row.Match.Success)
            .ToDictionary(row => row.Match.Groups[1].Value, row => row.Line);

    [GeneratedRegex(@"^\| (WVB\d{4})")]
    private static partial Regex RowCode();
}
