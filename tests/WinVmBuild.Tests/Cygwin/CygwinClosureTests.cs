using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Cygwin;

[TestClass]
[RequiresHostPackages]
public sealed class CygwinClosureTests
{
    [TestMethod]
    public async Task Openssh_on_the_real_file_gives_89_archives_with_what_sshd_setup_needs()
    {
        var setupIni = await SetupIniFixtures.LoadRealAsync();

        var closure = new CygwinClosure(setupIni, NullBuildLog.Instance).Resolve(["openssh"], []);

        Assert.AreEqual(89, closure.Count);
        var names = closure.Select(p => p.Package.Name).ToList();
        CollectionAssert.IsSubsetOf(new[] { "openssh", "cygrunsrv", "csih", "cygwin", "bash", "base-cygwin", "_autorebase" }, names);
        Assert.IsTrue(closure.All(p => p.Version.Label == VersionLabel.Curr), "curr is preferred");
        Assert.IsTrue(closure.All(p => p.Archive.Hash.Kind == HashKind.Sha512));
        CollectionAssert.AreEqual(names.Order(StringComparer.Ordinal).ToList(), names, "sorted by name");
    }

    [TestMethod]
    public void A_virtual_name_takes_the_providers_version_that_provides_it()
    {
        // base-cygwin depends on cygwin-api0_291, which only cygwin's [test] version provides.
        var setupIni = SetupIniFixtures.Calm("calm-inifile-setup.ini");

        var closure = new CygwinClosure(setupIni, NullBuildLog.Instance).Resolve([], []);

        var cygwin = closure.Single(p => p.Package.Name == "cygwin");
        Assert.AreEqual("2.3.0-0.3", cygwin.Version.Version.Text);
        Assert.IsFalse(closure.Any(p => p.Package.Name.EndsWith("-src", StringComparison.Ordinal)), "source stanzas are not installable");
        Assert.AreEqual("250-0", closure.Single(p => p.Package.Name == "staleversion").Version.Version.Text);
    }

    [TestMethod]
    public void Categories_match_case_insensitively_and_versioned_dependencies_are_followed()
    {
        var setupIni = SetupIniFixtures.Calm("calm-inifile-setup.ini");

        var names = new CygwinClosure(setupIni, NullBuildLog.Instance).Resolve(["test-c"], ["NET"]).Select(p => p.Package.Name).ToList();

        CollectionAssert.IsSubsetOf(new[] { "test-c", "test-d", "test-e", "mDNSResponder", "libdns_sd1", "base-cygwin", "cygwin" }, names);
    }

    [TestMethod]
    public void A_constraint_that_rules_out_curr_chooses_the_highest_satisfying_version_even_when_met_late()
    {
        var setupIni = SetupIniFixtures.Parse(Stanzas(
            ("app", "1-1", "Utils", "zlib, tool"),
            ("tool", "1-1", "Utils", "lib (< 3)"),
            ("zlib", "1-1", "Libs", "lib"),
            ("lib", "3-1", "Libs", null)) + $"""

            [prev]
            version: 1-1
            install: r/lib-1-1.tar.xz 1 {SetupIniFixtures.Sha512()}
            [prev]
            version: 2-1
            install: r/lib-2-1.tar.xz 1 {SetupIniFixtures.Sha512()}
            """);

        var closure = new CygwinClosure(setupIni, NullBuildLog.Instance).Resolve(["app"], []);

        Assert.AreEqual("2-1", closure.Single(p => p.Package.Name == "lib").Version.Version.Text);
    }

    [TestMethod]
    public void Several_providers_give_a_logged_repeatable_choice_and_windows_is_skipped()
    {
        var setupIni = SetupIniFixtures.Parse(Stanzas(
            ("app", "1-1", "Utils", "editor, _windows (>= 6.1)"),
            ("vim", "1-1", "Editors", null),
            ("emacs", "1-1", "Editors", null)).Replace("version: 1-1\ninstall: r/vim", "provides: editor\nversion: 1-1\ninstall: r/vim", StringComparison.Ordinal)
            .Replace("version: 1-1\ninstall: r/emacs", "provides: editor\nversion: 1-1\ninstall: r/emacs", StringComparison.Ordinal));
        var log = new RecordingLog();

        var names = new CygwinClosure(setupIni, log).Resolve(["app"], []).Select(p => p.Package.Name).ToList();

        CollectionAssert.AreEqual(new[] { "app", "emacs" }, names);
        Assert.AreEqual("Cygwin: 'editor' is provided by emacs, vim; using 'emacs'.", log.Messages.Single());
    }

    [TestMethod]
    public void An_unknown_name_is_an_error_naming_it_and_who_asked()
    {
        var setupIni = SetupIniFixtures.Parse(Stanzas(("app", "1-1", "Utils", "libmissing")));

        var error = Assert.ThrowsExactly<WinVmException>(() => new CygwinClosure(setupIni, NullBuildLog.Instance).Resolve(["app"], []));

        Assert.AreEqual(ErrorCodes.CygwinPackageNotFound, error.Code);
        StringAssert.Contains(error.Message, "'libmissing', asked for by 'app 1-1'");
    }

    [TestMethod]
    public void An_unsatisfiable_constraint_is_an_error_naming_the_package_and_the_constraint()
    {
        var setupIni = SetupIniFixtures.Parse(Stanzas(("app", "1-1", "Utils", "lib (>= 2.0)"), ("lib", "1.5-1", "Libs", null)));

        var error = Assert.ThrowsExactly<WinVmException>(() => new CygwinClosure(setupIni, NullBuildLog.Instance).Resolve(["app"], []));

        Assert.AreEqual(ErrorCodes.CygwinDependencyUnsatisfiable, error.Code);
        StringAssert.Contains(error.Message, "'lib (>= 2.0)' by 'app 1-1'");
        StringAssert.Contains(error.Message, "Available: 1.5-1 [curr]");
    }

    /// <summary>Minimal stanzas: name, curr version, category, depends2 (or none).</summary>
    private static string Stanzas(params (string Name, string Version, string Category, string? Depends)[] packages) =>
        string.Join("\n\n", packages.Select(p =>
            $"@ {p.Name}\nsdesc: \"{p.Name}\"\ncategory: {p.Category}\nversion: {p.Version}\n" +
            $"install: r/{p.Name}-{p.Version}.tar.xz 1 {SetupIniFixtures.Sha512()}" +
            (p.Depends is null ? string.Empty : $"\ndepends2: {p.Depends}")));
}
