using System.Text.RegularExpressions;

namespace WinVmBuild.Tests.Architecture;

/// <summary>
/// The engine's folders depend on each other in one direction only, the order of <see cref="Layers"/>: a folder may use
/// the folders before it, never one after it. A new cycle fails here, naming the file that made it.
/// </summary>
[TestClass]
public sealed partial class LayeringTests
{
    /// <summary>From the bottom: host tools and the cache first, the guests above what they are made of, the stages on top.</summary>
    private static readonly string[] Layers =
        ["Diagnostics", "Host", "Cache", "Cygwin", "Network", "Vm", "Reaper", "Media", "Guests", "Registry", "Settings", "Stages"];

    private static string Engine => Path.Combine(TestPaths.RepositoryRoot, "src", "WinVmBuild");

    [TestMethod]
    public void Every_engine_folder_is_a_layer()
    {
        var folders = Directory.GetDirectories(Engine).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj")).Order().ToList();

        CollectionAssert.AreEquivalent(Layers, folders);
    }

    [TestMethod]
    public void No_folder_uses_one_above_it()
    {
        var types = Layers.ToDictionary(layer => layer, layer => Sources(layer).SelectMany(file => Declared().Matches(file.Text).Select(match => match.Groups[1].Value)).ToHashSet());
        var wrong = new List<string>();
        foreach (var (layer, index) in Layers.Select((layer, index) => (layer, index)))
        {
            foreach (var file in Sources(layer))
            {
                foreach (var above in Layers.Skip(index + 1).Where(above => Uses(file.Text, above, types[above])))
                {
                    wrong.Add($"{file.Path} ({layer}) uses {above}");
                }
            }
        }

        Assert.IsEmpty(wrong, string.Join('\n', wrong));
    }

    /// <summary>Whether <paramref name="code"/> names the namespace <paramref name="layer"/>, or one of its types through it.</summary>
    private static bool Uses(string code, string layer, HashSet<string> layerTypes) =>
        Regex.IsMatch(code, $@"\bWinVmBuild\.{layer}\b") ||
        Regex.Matches(code, $@"(?<![\w.]){layer}\.([\w.]+)").Any(match => match.Groups[1].Value.Split('.').Any(layerTypes.Contains));

    /// <summary>The engine's C# files of <paramref name="layer"/>, comments removed.</summary>
    private static IEnumerable<(string Path, string Text)> Sources(string layer) =>
        Directory.EnumerateFiles(Path.Combine(Engine, layer), "*.cs", SearchOption.AllDirectories)
            .Select(path => (Path.GetRelativePath(Engine, path), Comment().Replace(File.ReadAllText(path), string.Empty)));

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b(?:class|record|enum|interface|struct)\s+(\w+)")]
    private static partial Regex Declared();
}
