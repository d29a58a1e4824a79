using System.IO.Compression;

namespace WinVmBuild.IntegrationTests.EndToEnd;

/// <summary>The packed WinVmBuild.Sdk: what MSBuild and NuGet need to find in it.</summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("EndToEnd")]
public sealed class SdkPackageLayoutTests
{
    [TestMethod]
    public async Task The_package_holds_the_sdk_files_the_errors_page_and_every_task_dependency_but_msbuilds_own()
    {
        var feed = await SdkPackage.FeedAsync();
        using var package = ZipFile.OpenRead(Path.Combine(feed, $"WinVmBuild.Sdk.{SdkPackage.Version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();

        CollectionAssert.IsSubsetOf(
            new[]
            {
                "Sdk/Sdk.props", "Sdk/Sdk.targets", "docs/errors.md", "tools/net8.0/WinVmBuild.Tasks.dll", "tools/net8.0/WinVmBuild.dll",
                "tools/net8.0/Renci.SshNet.dll", "tools/net8.0/BouncyCastle.Cryptography.dll", "tools/net8.0/Microsoft.Extensions.Logging.Abstractions.dll",
            },
            entries);
        // MSBuild loads its own Microsoft.Build.* assemblies; a second copy in the package would conflict.
        Assert.IsFalse(entries.Any(e => e.Contains("Microsoft.Build", StringComparison.Ordinal)), string.Join('\n', entries));

        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        StringAssert.Contains(await nuspec.ReadToEndAsync(), "<packageType name=\"MSBuildSdk\" />");
    }
}
