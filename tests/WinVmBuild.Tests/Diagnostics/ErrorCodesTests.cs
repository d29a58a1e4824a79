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

    [TestMethod]
    public void Every_row_carries_its_code_as_the_anchor_help_links_point_at()
    {
        var rows = RowMatches().ToList();

        Assert.IsNotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.AreEqual(row.Groups["code"].Value.ToLowerInvariant(), row.Groups["anchor"].Value, $"the row of {row.Groups["code"].Value} has no anchor of its code");
        }
    }

    /// <summary>The table rows of docs/errors.md by the code in their first cell (a range row names its first code).</summary>
    private static Dictionary<string, string> DocumentedRows() =>
        RowMatches().ToDictionary(row => row.Groups["code"].Value, row => row.Value);

    private static IEnumerable<Match> RowMatches() =>
        File.ReadLines(Path.Combine(TestPaths.RepositoryRoot, "docs", "errors.md")).Select(line => RowCode().Match(line)).Where(row => row.Success);

    /// <summary>A row: its anchor, if it has one (<c>&lt;a id="wvb0403"&gt;&lt;/a&gt;</c>), then its code.</summary>
    [GeneratedRegex(@"^\| (?:<a id=""(?<anchor>[^""]*)""></a>)?(?<code>WVB\d{4}).*$")]
    private static partial Regex RowCode();
}
