using WinVmBuild.Controller;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Host;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Appliances;

/// <summary>What every appliance test needs once: the host kernel, both initrds, and a key pair.</summary>
internal sealed class ApplianceFixture
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ApplianceFixture? _shared;

    private ApplianceFixture(HostKernel kernel, string folder, TestGuestProfile guest)
    {
        Kernel = kernel;
        ControllerInitrd = Path.Combine(folder, "controller.cpio");
        PrivateKey = Path.Combine(folder, "id_ed25519");
        Guest = guest;
    }

    public HostKernel Kernel { get; }

    public string ControllerInitrd { get; }

    public TestGuestProfile Guest { get; }

    public string PrivateKey { get; }

    public string PublicKey => PrivateKey + ".pub";

    /// <summary>A fixed account: the generator of real passwords belongs to the media engineer.</summary>
    public static SambaAccount Account { get; } = new("winvmbuild", "s3cret pass'word $x;`y`");

    public static async Task<ApplianceFixture> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await CreateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<ApplianceFixture> CreateAsync()
    {
        var folder = TestPaths.NewScratchFolder("appliances");
        var kernel = HostKernel.Find(null);
        var guest = await TestGuestProfile.CreateAsync(kernel, Path.Combine(folder, "testguest.cpio"), 256, 1, CancellationToken.None);
        var fixture = new ApplianceFixture(kernel, folder, guest);
        await ControllerAppliance.BuildInitrdAsync(kernel, fixture.ControllerInitrd);
        await ProcessRunner.RunCheckedAsync(
            new ProcessSpec("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", "winvmbuild-test", "-f", fixture.PrivateKey]),
            CancellationToken.None);
        return fixture;
    }

    /// <summary>Runs the controller once with <paramref name="commandScript"/> and returns how it ended and its log lines.</summary>
    public async Task<(ControllerResult Result, IReadOnlyList<string> Log, string Console)> RunControllerAsync(
        VdeSwitch network, string workFolder, ControllerConfig config, string commandScript, QemuMachine? guest = null)
    {
        var session = new ControllerSession(Path.Combine(workFolder, "xchg"));
        await session.PrepareAsync(config, commandScript, PrivateKey, CancellationToken.None);
        var log = new List<string>();
        ControllerResult result;
        int controllerId;
        string console;
        var slot = new VmSlot("controller", AcceleratorKind.Tcg, network.Folder);
        await using (var controller = await QemuMachine.StartAsync(
            ControllerAppliance.Machine(slot, Kernel, ControllerInitrd, session.XchgFolder, config),
            Path.Combine(workFolder, "controller"), NullBuildLog.Instance, null, CancellationToken.None))
        {
            controllerId = controller.ProcessId;
            var exited = controller.Exited.WaitAsync(TimeSpan.FromMinutes(5));
            result = await session.FollowAsync(exited, log.Add, CancellationToken.None, guest?.Exited);
            console = string.Join('\n', controller.ConsoleTail(500));
        }

        await AssertGoneAsync(controllerId);
        return (result, log, console);
    }

    public static async Task AssertGoneAsync(int processId) =>
        Assert.IsTrue(await HostProcesses.WaitUntilGoneAsync(processId, TimeSpan.FromSeconds(10)), $"process {processId} is still running");
}
