using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Registry;

namespace WinVmBuild.IntegrationTests.Registry;

/// <summary>
/// The stage cache's registry level against a real Distribution registry (docker-registry) and a real skopeo: an
/// entry pushed by one cache is pulled by another, with each kind of authentication registries use, and a registry
/// that refuses, lies or goes away leaves no entry behind.
/// </summary>
[TestClass]
[TestCategory("Registry")]
[RequiresHostPackages]
public sealed class RegistryCacheTests
{
    private static readonly EntryKind Stage = EntryKind.Suspend;

    [TestMethod]
    [DataRow(RegistryAuth.None)]
    [DataRow(RegistryAuth.Htpasswd)]
    [DataRow(RegistryAuth.Token)]
    public async Task An_entry_pushed_by_one_cache_is_pulled_whole_and_sparse_by_an_empty_one(RegistryAuth auth)
    {
        await using var registry = await DistributionRegistry.StartAsync(auth);
        var key = NewKey();
        var pushed = await PushSampleAsync(registry, key);

        var log = new RecordingLog();
        var cacheB = Cache(registry.Reference);
        using var lease = await cacheB.GetOrCreateAsync(Stage, key, log, _ => throw new AssertFailedException("a pulled entry is not built:\n" + log.Text), CancellationToken.None);
        var pulled = lease.Folder;

        foreach (var file in new[] { "ram.img", "state.bin" })
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(pushed, file)), File.ReadAllBytes(Path.Combine(pulled, file)), file);
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(pulled, file)), file);
        }

        var ram = FileStatus.Of(Path.Combine(pulled, "ram.img"));
        Assert.IsLessThan(ram.Size / 4, ram.AllocatedBytes, "the RAM file came back sparse");
        await cacheB.EnsureIntactAsync(pulled, CancellationToken.None);
        StringAssert.Contains(log.Text, $"pulling {registry.Reference}:{Stage}-{key}");
        AssertNoLeftovers(cacheB.Root);
    }

    /// <summary>A copy of Microsoft's media, keyed by its bytes, would be a redistribution: it never leaves the machine.</summary>
    [TestMethod]
    public async Task The_rebuilt_installer_iso_is_never_pushed_while_a_snapshot_is()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        var cache = Cache(registry.Reference, push: true);
        var installer = NewKey();
        var snapshot = NewKey();

        (await cache.GetOrCreateAsync(EntryKind.Installer, installer, new RecordingLog(), WriteSampleAsync, CancellationToken.None)).Dispose();
        (await cache.GetOrCreateAsync(EntryKind.Suspend, snapshot, new RecordingLog(), WriteSampleAsync, CancellationToken.None)).Dispose();

        Assert.IsFalse(registry.HasTag(RegistryCache.Tag(EntryKind.Installer, installer)), "the installer ISO was pushed");
        Assert.IsTrue(registry.HasTag(RegistryCache.Tag(EntryKind.Suspend, snapshot)), "the snapshot was not pushed: the check above proves nothing");
    }

    [TestMethod]
    public async Task A_file_bigger_than_a_layer_is_split_and_joined_again()
    {
        var entry = TestPaths.NewScratchFolder("artifact-entry");
        var data = RandomNumberGenerator.GetBytes(300_000);
        await File.WriteAllBytesAsync(Path.Combine(entry, "disk.qcow2"), data);
        await CacheManifest.WriteAsync(entry, CancellationToken.None);
        var layout = Path.Combine(TestPaths.NewScratchFolder("artifact-layout"), "oci");

        var manifest = await EntryArtifact.PackAsync(entry, layout, "t", new Dictionary<string, string>(), CancellationToken.None, partSize: 128 * 1024);
        var restored = TestPaths.NewScratchFolder("artifact-restored");
        await EntryArtifact.UnpackAsync(layout, "t", restored, CancellationToken.None);

        Assert.AreEqual(4, manifest["layers"]!.AsArray().Count, "three parts of the disk and the manifest");
        CollectionAssert.AreEqual(data, File.ReadAllBytes(Path.Combine(restored, "disk.qcow2")));
    }

    [TestMethod]
    [TestCategory("Faults")]
    [DataRow(RegistryAuth.Htpasswd)]
    [DataRow(RegistryAuth.Token)]
    public async Task A_wrong_password_is_a_coded_error_that_names_the_registry_and_never_shows_the_password(RegistryAuth auth)
    {
        await using var registry = await DistributionRegistry.StartAsync(auth);
        const string WrongPassword = "not-the-Pa55word";
        registry.Login(WrongPassword);
        var cache = Cache(registry.Reference);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => cache.GetOrCreateAsync(Stage, NewKey(), new RecordingLog(), WriteSampleAsync, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.RegistryAuthenticationFailed, error.Code, error.Message);
        StringAssert.Contains(error.Message, registry.Host);
        Assert.IsFalse(error.Message.Contains(WrongPassword, StringComparison.Ordinal), error.Message);
        AssertNoLeftovers(cache.Root);
        await AuditAsync($"A wrong registry password ({auth})", "error WVB0602 naming the registry, never the password", cache);
    }

    [TestMethod]
    public async Task A_credential_helper_the_credentials_name_is_run()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.Htpasswd);
        var helpers = TestPaths.NewScratchFolder("credential-helpers");
        var helper = Path.Combine(helpers, "docker-credential-winvmtest");
        // The docker-credential-* protocol: "get" reads the registry on stdin and answers with its user and secret.
        await File.WriteAllTextAsync(helper, $$"""
            #!/bin/sh
            [ "$1" = get ] || exit 1
            read -r server
            printf '{"ServerURL":"%s","Username":"{{DistributionRegistry.User}}","Secret":"{{DistributionRegistry.Password}}"}\n' "$server"
            """);
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", $"{helpers}:{path}");
        try
        {
            registry.UseCredentialHelper("winvmtest");
            await PushSampleAsync(registry, NewKey());

            registry.UseCredentialHelper("winvmtest-missing");
            var error = await Assert.ThrowsExactlyAsync<WinVmException>(
                () => Cache(registry.Reference).GetOrCreateAsync(Stage, NewKey(), new RecordingLog(), WriteSampleAsync, CancellationToken.None));
            Assert.AreEqual(ErrorCodes.RegistryCredentialHelperFailed, error.Code, error.Message);
            StringAssert.Contains(error.Message, "docker-credential-winvmtest-missing");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [TestMethod]
    [TestCategory("Faults")]
    public async Task A_tampered_blob_is_refused_and_nothing_is_published()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        var key = NewKey();
        await PushSampleAsync(registry, key);
        var biggest = Directory.EnumerateFiles(registry.BlobsFolder, "data", SearchOption.AllDirectories).MaxBy(file => new FileInfo(file).Length)!;
        await using (var blob = new FileStream(biggest, FileMode.Open, FileAccess.ReadWrite))
        {
            blob.Position = blob.Length / 2;
            var original = blob.ReadByte();
            blob.Position--;
            blob.WriteByte((byte)(original ^ 0xff));
        }

        var cache = Cache(registry.Reference);
        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => cache.GetOrCreateAsync(Stage, key, new RecordingLog(), _ => throw new AssertFailedException("not built after a refused pull"), CancellationToken.None));

        Assert.AreEqual(ErrorCodes.RegistryArtifactDamaged, error.Code, error.Message);
        Assert.IsFalse(Directory.Exists(cache.EntryPath(Stage, key)));
        AssertNoLeftovers(cache.Root);
        await AuditAsync("A blob of a snapshot changed in the registry's storage", "error WVB0605; nothing published", cache);
    }

    [TestMethod]
    [TestCategory("Faults")]
    public async Task A_required_registry_that_goes_away_mid_pull_is_an_error_and_leaves_no_partial_entry()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        var key = NewKey();
        await PushSampleAsync(registry, key);
        await using var proxy = TcpRelay.Start(registry.Port, bytesBeforeCut: 256 * 1024);
        var required = Cache(proxy.Reference, required: true);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => required.GetOrCreateAsync(Stage, key, new RecordingLog(), _ => throw new AssertFailedException("required: not built"), CancellationToken.None));

        Assert.AreEqual(ErrorCodes.RegistryUnreachable, error.Code, error.Message);
        Assert.IsTrue(proxy.Cut, "the registry went away mid-transfer");
        Assert.IsFalse(Directory.Exists(required.EntryPath(Stage, key)));
        Assert.IsEmpty(Directory.GetFileSystemEntries(Path.Combine(required.Root, Stage.Name), ".*"), "no temporary entry");
        await AuditAsync("The registry goes away mid-pull, WinVmCacheRegistryRequired=true", "error WVB0601; no entry", required);
    }

    [TestMethod]
    [TestCategory("Faults")]
    public async Task A_registry_that_goes_away_mid_pull_leaves_no_partial_entry_and_the_stage_is_built_here()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        var key = NewKey();
        await PushSampleAsync(registry, key);
        await using var proxy = TcpRelay.Start(registry.Port, bytesBeforeCut: 256 * 1024);
        var log = new RecordingLog();
        var optional = Cache(proxy.Reference);

        using var lease = await optional.GetOrCreateAsync(Stage, key, log, WriteSampleAsync, CancellationToken.None);

        Assert.IsTrue(proxy.Cut, "the registry went away mid-transfer");
        Assert.AreEqual(ErrorCodes.RegistryUnreachable, log.Warnings.Single().Code, log.Text);
        StringAssert.Contains(log.Warnings.Single().Text, "built here");
        await optional.EnsureIntactAsync(lease.Folder, CancellationToken.None);
        Assert.IsEmpty(Directory.GetFileSystemEntries(Path.Combine(optional.Root, Stage.Name), ".*"), "no temporary entry");
        await AuditAsync("The registry goes away mid-pull", "warning WVB0601; the stage is built here", optional);
    }

    [TestMethod]
    public async Task An_unreachable_registry_is_a_warning_unless_it_is_required()
    {
        // A port nothing listens on: the registry is down.
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var reference = $"127.0.0.1:{((System.Net.IPEndPoint)closed.LocalEndpoint).Port}/winvm/down";
        closed.Stop();

        var log = new RecordingLog();
        var cache = Cache(reference, push: true);
        using var lease = await cache.GetOrCreateAsync(Stage, NewKey(), log, WriteSampleAsync, CancellationToken.None);
        var built = lease.Folder;
        Assert.IsTrue(File.Exists(Path.Combine(built, "ram.img")));
        Assert.IsTrue(log.Warnings.All(warning => warning.Code == ErrorCodes.RegistryUnreachable), log.Text);
        Assert.IsFalse(log.Text.Contains("pushing", StringComparison.Ordinal), "nothing is packed for a registry that is down");
        AssertNoLeftovers(cache.Root);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => Cache(reference, required: true).GetOrCreateAsync(Stage, NewKey(), new RecordingLog(), WriteSampleAsync, CancellationToken.None));
        Assert.AreEqual(ErrorCodes.RegistryUnreachable, error.Code);
    }

    [TestMethod]
    public async Task A_snapshot_of_the_same_install_from_another_qemu_is_a_miss_that_says_what_differs()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        EntryFacts Snapshot(string qemu) => new(new Dictionary<string, string>
        {
            ["install"] = "0123abcd",
            ["qemu"] = qemu,
            ["machine-type"] = $"pc-i440fx-{qemu}",
            ["cpu-model"] = "Nehalem",
        })
        {
            Lineage = "install",
            MustMatch = ["qemu", "machine-type", "cpu-model"],
        };
        (await Cache(registry.Reference, push: true).GetOrCreateAsync(Stage, NewKey(), new RecordingLog(), WriteSampleAsync, CancellationToken.None, Snapshot("8.2"))).Dispose();

        var log = new RecordingLog();
        using var lease = await Cache(registry.Reference).GetOrCreateAsync(Stage, NewKey(), log, WriteSampleAsync, CancellationToken.None, Snapshot("7.2"));
        var built = lease.Folder;

        var warning = log.Warnings.Single();
        Assert.AreEqual(ErrorCodes.RegistrySnapshotIncompatible, warning.Code, log.Text);
        StringAssert.Contains(warning.Text, "qemu 8.2 (here 7.2), machine-type pc-i440fx-8.2 (here pc-i440fx-7.2)");
        Assert.IsFalse(warning.Text.Contains("cpu-model", StringComparison.Ordinal), "only what differs");
        Assert.IsTrue(File.Exists(Path.Combine(built, "ram.img")), "built here");
    }

    [TestMethod]
    [DataRow("application/vnd.example.helm-chart", "0.1.0", "not a WinVmBuild cache entry")]
    [DataRow(EntryArtifact.ArtifactType, "99.0.0", "written by WinVmBuild 99.0.0")]
    public async Task Another_tools_artifact_or_another_major_versions_is_a_warning_and_a_local_build(string artifactType, string version, string why)
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        var key = NewKey();
        var tag = RegistryCache.Tag(Stage, key);
        var layout = OciLayout.Create(Path.Combine(TestPaths.NewScratchFolder("foreign"), "oci"));
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciLayout.ManifestMediaType,
            ["artifactType"] = artifactType,
            ["config"] = await layout.AddBlobAsync("application/vnd.oci.empty.v1+json", "{}"u8.ToArray(), CancellationToken.None),
            ["layers"] = new JsonArray(await layout.AddBlobAsync("application/octet-stream", "chart"u8.ToArray(), CancellationToken.None)),
            ["annotations"] = new JsonObject { [EntryArtifact.VersionAnnotation] = version },
        };
        await layout.TagAsync(manifest, tag, CancellationToken.None);
        await new Skopeo(RegistryReference.Parse(registry.Reference)).PushAsync(layout.Folder, tag, _ => { }, CancellationToken.None);

        var log = new RecordingLog();
        using var lease = await Cache(registry.Reference).GetOrCreateAsync(Stage, key, log, WriteSampleAsync, CancellationToken.None);
        var built = lease.Folder;

        var warning = log.Warnings.Single();
        Assert.AreEqual(ErrorCodes.RegistryArtifactForeign, warning.Code, log.Text);
        StringAssert.Contains(warning.Text, why);
        Assert.IsTrue(File.Exists(Path.Combine(built, "ram.img")), "built here");
    }

    [TestMethod]
    public async Task A_snapshot_of_the_host_cpu_is_never_pushed()
    {
        await using var registry = await DistributionRegistry.StartAsync(RegistryAuth.None);
        var log = new RecordingLog();
        var facts = new EntryFacts(new Dictionary<string, string>()) { NotPortable = "it was taken with -cpu host" };

        (await Cache(registry.Reference, push: true).GetOrCreateAsync(Stage, NewKey(), log, WriteSampleAsync, CancellationToken.None, facts)).Dispose();

        Assert.AreEqual(ErrorCodes.SnapshotNotPortable, log.Warnings.Single().Code, log.Text);
        Assert.IsFalse(Directory.Exists(registry.BlobsFolder), "nothing reached the registry");
    }

    /// <summary>Cache A builds the sample entry and pushes it; returns the entry.</summary>
    private static async Task<string> PushSampleAsync(DistributionRegistry registry, string key)
    {
        var log = new RecordingLog();
        using var entry = await Cache(registry.Reference, push: true).GetOrCreateAsync(
            Stage, key, log, WriteSampleAsync, CancellationToken.None, new EntryFacts(new Dictionary<string, string> { ["qemu.version"] = "7.2.22" }));
        StringAssert.Contains(log.Text, "pushed", log.Text);
        Assert.IsEmpty(log.Warnings, log.Text);
        return entry.Folder;
    }

    /// <summary>A snapshot-like entry: a sparse RAM file with a few pages written, and a small state file.</summary>
    private static async Task WriteSampleAsync(string folder)
    {
        await using (var ram = new FileStream(Path.Combine(folder, "ram.img"), FileMode.CreateNew))
        {
            ram.SetLength(64L << 20);
            foreach (var offset in new[] { 0L, 5L << 20, 40L << 20 })
            {
                ram.Position = offset;
                await ram.WriteAsync(RandomNumberGenerator.GetBytes(512 * 1024));
            }
        }

        await File.WriteAllBytesAsync(Path.Combine(folder, "state.bin"), RandomNumberGenerator.GetBytes(100_000));
    }

    private static StageCache Cache(string reference, bool push = false, bool required = false) =>
        new(TestPaths.NewScratchFolder("registry-cache"))
        {
            Registry = new RegistryCache(new RegistrySettings(RegistryReference.Parse(reference), push, required)),
        };

    private static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>Records the fault's row for docs/reliability.md, and asserts what it left: no skopeo, no session, no bad entry.</summary>
    private static async Task AuditAsync(string fault, string outcome, StageCache cache) =>
        FaultReport.Record(fault, outcome, await Leftovers.MeasureAsync(TimeSpan.Zero, caches: [cache.Root]));

    /// <summary>No temporary entry, and no transfer staged but a failed one's (kept to resume).</summary>
    private static void AssertNoLeftovers(string cacheRoot)
    {
        var stage = Path.Combine(cacheRoot, Stage.Name);
        if (Directory.Exists(stage))
        {
            Assert.IsEmpty(Directory.GetFileSystemEntries(stage, ".*"), string.Join(", ", Directory.GetFileSystemEntries(stage)));
        }

        var staging = Path.Combine(cacheRoot, "registry");
        Assert.IsFalse(Directory.Exists(staging) && Directory.EnumerateFileSystemEntries(staging).Any(), "no registry transfer left staged");
    }
}
