using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Media;
using WinVmBuild.Stages;
using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Stages;

/// <summary>
/// What the install and suspend keys hold: an installed disk depends on the media's and the installer ISO's bytes only,
/// a snapshot on exactly the machine it revives into. A wrong key reinstalls Windows for nothing, or hands out a snapshot
/// that cannot revive.
/// </summary>
[TestClass]
[RequiresHostPackages]
public sealed class StageKeyTests
{
    /// <summary>Past the size the keys once stopped hashing at (64 MiB): sparse, so it costs no disk.</summary>
    private const long BigIsoSize = 80L << 20;

    private readonly string _scratch = TestPaths.NewScratchFolder("stage-keys");

    [TestMethod]
    public async Task The_install_key_ignores_memory_cpus_and_the_accelerator()
    {
        var media = await MediaAsync("media");

        var small = await InstallKeyAsync(Environment(AcceleratorKind.Tcg), Guest(256, 1), media, iso: null);
        var big = await InstallKeyAsync(Environment(AcceleratorKind.Kvm), Guest(4096, 8), media, iso: null);

        Assert.AreEqual(small, big);
    }

    [TestMethod]
    public async Task The_install_key_follows_the_isos_bytes_not_its_path_or_time()
    {
        var media = await MediaAsync("media");
        var iso = BigFile("windows.iso", fill: 0);
        var environment = Environment(AcceleratorKind.Tcg);
        var before = await InstallKeyAsync(environment, Guest(256, 1), media, iso);

        var moved = Path.Combine(Directory.CreateDirectory(Path.Combine(_scratch, "elsewhere")).FullName, "renamed.iso");
        File.Move(iso, moved);
        File.SetLastWriteTimeUtc(moved, DateTime.UtcNow.AddDays(1));
        var afterMove = await InstallKeyAsync(environment, Guest(256, 1), media, moved);
        var otherBytes = await InstallKeyAsync(environment, Guest(256, 1), media, BigFile("other.iso", fill: 1));

        Assert.AreEqual(before, afterMove);
        Assert.AreNotEqual(before, otherBytes);
    }

    [TestMethod]
    public async Task The_install_key_follows_the_medias_bytes_not_their_folder()
    {
        var first = await MediaAsync("first");
        var copy = await MediaAsync("copy");
        var other = await MediaAsync("other", answer: "another answer file");
        var environment = Environment(AcceleratorKind.Tcg);

        Assert.AreEqual(await InstallKeyAsync(environment, Guest(256, 1), first, null), await InstallKeyAsync(environment, Guest(256, 1), copy, null));
        Assert.AreNotEqual(await InstallKeyAsync(environment, Guest(256, 1), first, null), await InstallKeyAsync(environment, Guest(256, 1), other, null));
    }

    [TestMethod]
    public async Task The_suspend_key_holds_what_a_revive_depends_on()
    {
        var install = Directory.CreateDirectory(Path.Combine(_scratch, "install", "k1")).FullName;
        var tcg = Environment(AcceleratorKind.Tcg);
        var key = (await SuspendStage.InputsAsync(tcg, Guest(256, 1), install, CancellationToken.None)).Key;

        Assert.AreEqual(key, (await SuspendStage.InputsAsync(tcg, Guest(256, 1), install, CancellationToken.None)).Key);
        Assert.AreNotEqual(key, (await SuspendStage.InputsAsync(Environment(AcceleratorKind.Kvm), Guest(256, 1), install, CancellationToken.None)).Key);
        Assert.AreNotEqual(key, (await SuspendStage.InputsAsync(tcg, Guest(512, 1), install, CancellationToken.None)).Key);
        Assert.AreNotEqual(key, (await SuspendStage.InputsAsync(tcg, Guest(256, 2), install, CancellationToken.None)).Key);
    }

    [TestMethod]
    public async Task A_snapshot_is_keyed_and_taken_with_the_machine_type_pc_stands_for()
    {
        var inputs = await SuspendStage.InputsAsync(
            Environment(AcceleratorKind.Tcg), Guest(256, 1), Path.Combine(_scratch, "install", "k1"), CancellationToken.None);

        StringAssert.StartsWith(inputs.MachineType, "pc-i440fx-");
    }

    [TestMethod]
    public void Machine_help_aliases_resolve_and_other_names_stay()
    {
        const string Help = "Supported machines are:\npc                   Standard PC (i440FX + PIIX, 1996) (alias of pc-i440fx-7.2)\n" +
                            "pc-i440fx-7.2        Standard PC (i440FX + PIIX, 1996) (default)\nq35                  Standard PC (Q35 + ICH9, 2009) (alias of pc-q35-7.2)\n";

        Assert.AreEqual("pc-i440fx-7.2", QemuMachineTypes.Resolve("pc", Help));
        Assert.AreEqual("pc-q35-7.2", QemuMachineTypes.Resolve("q35", Help));
        Assert.AreEqual("pc-i440fx-7.2", QemuMachineTypes.Resolve("pc-i440fx-7.2", Help));
    }

    private VmStageEnvironment Environment(AcceleratorKind accelerator) =>
        new(accelerator, new StageCache(Path.Combine(_scratch, "cache")), NullBuildLog.Instance);

    private TestGuestProfile Guest(int memoryMegabytes, int cpus) =>
        new(HostKernel.Find(null), Path.Combine(_scratch, "initrd.cpio"), memoryMegabytes, cpus);

    private static Task<string> InstallKeyAsync(VmStageEnvironment environment, TestGuestProfile guest, MediaEntry media, string? iso) =>
        InstallStage.KeyAsync(environment, guest, media, iso, CancellationToken.None);

    /// <summary>A media entry as the stage cache keeps one: its files, and its manifest.</summary>
    private async Task<MediaEntry> MediaAsync(string name, string answer = "answer file")
    {
        var media = new MediaEntry(Directory.CreateDirectory(Path.Combine(_scratch, name)).FullName, MediaKind.Floppy);
        await File.WriteAllTextAsync(media.AnswerMedia, answer);
        await File.WriteAllTextAsync(media.CygwinIso, "cygwin");
        await File.WriteAllTextAsync(media.PrivateKey, "key");
        await CacheManifest.WriteAsync(media.Folder, CancellationToken.None);
        return media;
    }

    private string BigFile(string name, byte fill)
    {
        var path = Path.Combine(_scratch, name);
        using var stream = File.Create(path);
        stream.SetLength(BigIsoSize);
        stream.Position = BigIsoSize - 1;
        stream.WriteByte(fill);
        return path;
    }
}
