using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Tests.Cygwin;

[TestClass]
[RequiresHostPackages]
public sealed class SetupIniParserTests
{
    [TestMethod]
    public async Task The_real_file_is_parsed_completely()
    {
        var setupIni = await SetupIniFixtures.LoadRealAsync();

        // Counts taken from the file's own lines: every '@' stanza, every install: and version: line.
        Assert.AreEqual(11882, setupIni.Packages.Count);
        Assert.AreEqual(27730, setupIni.Packages.Values.Sum(p => p.Versions.Count(v => v.Install is not null)));
        Assert.AreEqual(27927, setupIni.Packages.Values.Sum(p => p.Versions.Count));
        Assert.AreEqual("2.903", setupIni.Header["setup-minimum-version"]);
        Assert.AreEqual("x86_64", setupIni.Header["arch"]);
        Assert.IsTrue(setupIni.Packages.Values.All(p => p.Summary.Length > 0), "a stanza lost its sdesc to a quoted value");
        Assert.AreEqual(70, setupIni.Packages.Values.SelectMany(p => p.Versions).Max(v => v.Install?.FileName.Length ?? 0));
    }

    [TestMethod]
    public async Task The_real_files_multi_line_message_and_last_stanza_are_kept()
    {
        var setupIni = await SetupIniFixtures.LoadRealAsync();

        var libusb = setupIni.Packages["libusb0"];
        StringAssert.StartsWith(libusb.Message, "In order to use libusb0, you must download and run the\n");
        Assert.IsNotNull(libusb.Current?.Install, "the stanza went on after its message");

        // The file's last stanza, followed by no blank line.
        var last = setupIni.Packages["_autorebase"];
        CollectionAssert.AreEqual(new[] { VersionLabel.Curr, VersionLabel.Prev, VersionLabel.Prev }, last.Versions.Select(v => v.Label).ToArray());
        Assert.AreEqual("dash", last.Versions[^1].Depends.Single().Name);

        // A blank line and a 'http:' line inside a quoted ldesc belong to it.
        var dri = setupIni.Packages["dri-drivers"];
        StringAssert.Contains(dri.Description, "\n\nhttp://x.cygwin.com/docs/ug/using-glx.html\n");
        CollectionAssert.AreEqual(new[] { "Libs" }, dri.Categories.ToArray());
    }

    [TestMethod]
    public void Every_calm_fixture_parses_with_every_stanza()
    {
        foreach (var file in SetupIniFixtures.CalmFiles)
        {
            var text = File.ReadAllText(file);
            var setupIni = SetupIniFixtures.Parse(text);

            var stanzaLines = text.Split('\n').Count(line => line.StartsWith("@ ", StringComparison.Ordinal));
            Assert.AreEqual(stanzaLines, setupIni.Packages.Count, file);
            Assert.IsFalse(text.EndsWith("\n\n", StringComparison.Ordinal), "the fixture should end without a blank line");
        }
    }

    [TestMethod]
    public void Calm_sections_repeated_and_out_of_order_are_all_kept()
    {
        var staleversion = SetupIniFixtures.Calm("calm-inifile-setup.ini").Packages["staleversion"];

        CollectionAssert.AreEqual(
            new[] { "250-0 [curr]", "251-0 [test]", "242-0 [prev]", "240-1 [prev]", "243-0 [prev]", "260-0 [test]" },
            staleversion.Versions.Select(v => v.ToString()).ToArray());
        CollectionAssert.AreEqual(new[] { "Shells", "Base" }, staleversion.Categories.ToArray());
        Assert.IsTrue(staleversion.IsInCategory("base"));
    }

    [TestMethod]
    public void Calm_versioned_depends_provides_conflicts_obsoletes_and_src_stanzas()
    {
        var setupIni = SetupIniFixtures.Calm("calm-inifile-setup.ini");

        var cygwinTest = setupIni.Packages["cygwin"].Versions.Single(v => v.Label == VersionLabel.Test);
        Assert.AreEqual("_windows (>= 6.0)", cygwinTest.Depends[0].ToString());
        Assert.AreEqual("base-cygwin", cygwinTest.Depends[1].ToString());
        CollectionAssert.AreEqual(new[] { "cygwin-api0_291" }, cygwinTest.Provides.ToArray());
        Assert.AreEqual("fruit-juice", cygwinTest.Conflicts.Single().Name);
        CollectionAssert.AreEqual(new[] { "obs-a", "obs-b" }, setupIni.Packages["test-c"].Current!.Obsoletes.ToArray());
        Assert.IsTrue(setupIni.Packages["cygwin-src"].Versions.All(v => v.Install is null));
        var message = setupIni.Packages["mDNSResponder"].Message!;
        StringAssert.StartsWith(message, "The Cygwin mDNSResponder package contains only clients.\nIf you do not");
        StringAssert.EndsWith(message, "http://support.apple.com/kb/DL999");
        Assert.AreEqual("379.32.1-1", setupIni.Packages["mDNSResponder"].Current!.Version.Text);
    }

    [TestMethod]
    public void Quoted_values_run_across_blank_and_key_looking_lines()
    {
        var setupIni = SetupIniFixtures.Parse($"""
            arch: x86_64

            @ a
            sdesc: "A"
            ldesc: "first

            version: 9.9-9
            @ not-a-stanza
            [prev]"
            message: a-id "read
            install: this"
            version: 1.0-1
            install: x86_64/release/a/a-1.0-1.tar.xz 10 {SetupIniFixtures.Sha512()}
            """);

        var a = setupIni.Packages.Values.Single();
        Assert.AreEqual("first\n\nversion: 9.9-9\n@ not-a-stanza\n[prev]", a.Description);
        Assert.AreEqual("read\ninstall: this", a.Message);
        Assert.AreEqual("1.0-1", a.Versions.Single().Version.Text);
    }

    [TestMethod]
    public void A_section_without_depends_inherits_the_previous_sections_and_requires_is_read()
    {
        var setupIni = SetupIniFixtures.Parse($"""
            @ a
            version: 2-1
            install: r/a-2-1.tar.xz 1 {SetupIniFixtures.Sha512()}
            depends2: b (>= 1.0), c
            [test]
            version: 3-1
            install: r/a-3-1.tar.xz 1 {SetupIniFixtures.Sha512()}
            [prev]
            version: 1-1
            install: r/a-1-1.tar.xz 1 {SetupIniFixtures.Sha512()}
            requires: d e
            """);

        var versions = setupIni.Packages["a"].Versions;
        Assert.AreEqual("b (>= 1.0), c", string.Join(", ", versions[0].Depends));
        Assert.AreEqual("b (>= 1.0), c", string.Join(", ", versions[1].Depends));
        Assert.AreEqual("d, e", string.Join(", ", versions[2].Depends));
    }

    [TestMethod]
    public void The_three_hash_forms_become_lowercase_hex()
    {
        var sha512 = System.Security.Cryptography.SHA512.HashData("x"u8.ToArray());
        var base64Url = Convert.ToBase64String(sha512).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var setupIni = SetupIniFixtures.Parse($"""
            @ md5
            version: 1-1
            install: r/md5.tar.bz2 1 {new string('A', 32)}
            @ hex
            version: 1-1
            install: r/hex.tar.xz 1 {Convert.ToHexString(sha512)}
            @ b64
            version: 1-1
            install: r/b64.tar.xz 1 {base64Url}
            """);

        Assert.AreEqual(new ArchiveHash(HashKind.Md5, new string('a', 32)), setupIni.Packages["md5"].Current!.Install!.Hash);
        var expected = new ArchiveHash(HashKind.Sha512, Convert.ToHexString(sha512).ToLowerInvariant());
        Assert.AreEqual(expected, setupIni.Packages["hex"].Current!.Install!.Hash);
        Assert.AreEqual(expected, setupIni.Packages["b64"].Current!.Install!.Hash);
        Assert.AreEqual(86, base64Url.Length);
    }

    [TestMethod]
    [DataRow("@ a\nversion: 1-1\nthis line is wrong\n", 3, "key: value")]
    [DataRow("@ a\nversion: 1-1\ninstall: r/a.tar.xz 12\n", 3, "<path> <size>")]
    [DataRow("@ a\nversion: 1-1\ninstall: r/a.tar.xz 12 abc\n", 3, "SHA-512")]
    [DataRow("@ a\n[old]\n", 2, "[old]")]
    [DataRow("@ a\nversion: 1-1\ndepends2: b (~ 1.0)\n", 3, "(~ 1.0)")]
    [DataRow("@ a\nsdesc: \"never\nends\n\n", 2, "never ends")]
    [DataRow("@ a\nversion: 1-1\n\n@ a\n", 4, "listed twice")]
    public void A_malformed_line_is_an_error_with_file_and_line(string text, int line, string expected)
    {
        var error = Assert.ThrowsExactly<WinVmException>(() => SetupIniFixtures.Parse(text));

        Assert.AreEqual(ErrorCodes.SetupIniMalformed, error.Code);
        Assert.AreEqual("test-setup.ini", error.File);
        Assert.AreEqual(line, error.Line);
        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    [DataRow("depends2: c (~ 1.0)", "(~ 1.0)")]
    [DataRow("install: r/b.tar.xz 1 not-a-hash", "not-a-hash")]
    [DataRow("[prev]\ninstall: r/b-0.tar.xz 1 <sha512>", "no version: line")]
    public void A_malformed_line_in_a_stanza_nothing_uses_is_found_when_the_file_is_read(string badLines, string expected)
    {
        // Packages are built on first use; the lines of every stanza are checked before, when the file is read.
        var text = $"@ a\nversion: 1-1\ninstall: r/a.tar.xz 1 <sha512>\n\n@ b\nversion: 1-1\n{badLines}\n".Replace("<sha512>", SetupIniFixtures.Sha512(), StringComparison.Ordinal);

        var error = Assert.ThrowsExactly<WinVmException>(() => SetupIniFixtures.Parse(text));

        Assert.AreEqual(ErrorCodes.SetupIniMalformed, error.Code);
        Assert.AreEqual(7, error.Line);
        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public async Task Each_package_is_built_once_for_every_reader()
    {
        var setupIni = await SetupIniFixtures.LoadRealAsync();
        var names = new[] { "openssh", "cygwin", "bash", "libusb0", "_autorebase" };

        var built = new CygwinPackage[names.Length * 8];
        Parallel.For(0, built.Length, i => built[i] = setupIni.Packages[names[i % names.Length]]);

        for (var i = 0; i < built.Length; i++)
        {
            Assert.AreSame(setupIni.Packages[names[i % names.Length]], built[i]);
            Assert.AreEqual(names[i % names.Length], built[i].Name);
        }
    }

    [TestMethod]
    public async Task A_missing_file_is_an_error_with_its_path()
    {
        var path = Path.Combine(TestPaths.NewScratchFolder("setup-missing"), "setup.xz");

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => SetupIni.LoadAsync(path, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.InputFileMissing, error.Code);
        StringAssert.Contains(error.Message, path);
    }
}
