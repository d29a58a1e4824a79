using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Provisioning;
using WinVmBuild.IntegrationTests.Stages;
using WinVmBuild.Network;
using WinVmBuild.Stages;

namespace WinVmBuild.IntegrationTests.Provisioning;

/// <summary>
/// Provisioning layers in the test guest, for real: each step runs in a VM booted from an overlay of the layer before
/// it, its layer is cached by content, and the snapshot of the last layer has what the steps installed.
/// </summary>
[TestClass]
[RequiresHostPackages]
[TestCategory("Vm")]
public sealed class ProvisionStageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    private const string InstallTool = """
        mkdir -p /opt/tool
        printf '#!/bin/sh\necho "hello from the tool, $(cat /opt/tool/greeting)"\n' > /opt/tool/hello
        chmod +x /opt/tool/hello
        echo installed the tool
        """;

    private const string UseTool = """
        cp ../greeting.txt /opt/tool/greeting
        /opt/tool/hello
        """;

    [TestMethod]
    public async Task Two_steps_make_two_layers_the_snapshot_has_what_they_installed_and_a_second_run_boots_no_vm()
    {
        var image = await TestGuestImage.SharedAsync();
        var project = Project("two-steps", ("10-install.sh", InstallTool), ("20-use.sh", UseTool));
        var plan = project.Plan([("10-install.sh", false, false), ("20-use.sh", false, false)], [("greeting.txt", "world", null)]);
        var log = new RecordingLog();

        var layer = await ProvisionAsync(image, plan, log);
        var again = new RecordingLog();
        var cached = await ProvisionAsync(image, plan, again);
        var lines = await RunOnSnapshotAsync(image, layer, "/opt/tool/hello");

        Assert.AreEqual(layer, cached);
        CollectionAssert.AreEqual(new[] { "10-install.sh", "20-use.sh" }, StepsRun(log).ToArray());
        Assert.IsEmpty(StepsRun(again), again.Text);
        Assert.IsFalse(again.StartedQemu, "a cached layer boots no VM");
        CollectionAssert.Contains(log.Messages.ToList(), "20-use.sh: hello from the tool, world", log.Text);
        CollectionAssert.AreEqual(new[] { "hello from the tool, world" }, lines.ToArray());
        Assert.AreEqual(Path.Combine(image.Environment.Cache.Root, EntryKind.Layer.Name), Path.GetDirectoryName(layer));
    }

    [TestMethod]
    public async Task Changing_a_step_reruns_it_and_the_steps_after_it_and_a_file_reruns_the_steps_that_see_it()
    {
        var image = await TestGuestImage.SharedAsync();
        var project = Project("changes", ("10-install.sh", InstallTool), ("20-use.sh", UseTool), ("30-last.sh", "echo last"));
        var steps = new[] { ("10-install.sh", false, false), ("20-use.sh", false, false), ("30-last.sh", false, false) };
        await ProvisionAsync(image, project.Plan(steps, [("greeting.txt", "world", "20-use.sh")]), new RecordingLog());

        var stepChanged = new RecordingLog();
        project.Write("30-last.sh", "echo last, changed");
        await ProvisionAsync(image, project.Plan(steps, [("greeting.txt", "world", "20-use.sh")]), stepChanged);
        var fileChanged = new RecordingLog();
        var layer = await ProvisionAsync(image, project.Plan(steps, [("greeting.txt", "moon", "20-use.sh")]), fileChanged);

        CollectionAssert.AreEqual(new[] { "30-last.sh" }, StepsRun(stepChanged).ToArray(), stepChanged.Text);
        CollectionAssert.AreEqual(new[] { "20-use.sh", "30-last.sh" }, StepsRun(fileChanged).ToArray(), fileChanged.Text);
        CollectionAssert.AreEqual(new[] { "hello from the tool, moon" }, (await RunOnSnapshotAsync(image, layer, "/opt/tool/hello")).ToArray());
    }

    [TestMethod]
    public async Task A_failing_step_is_WVB0417_with_its_name_and_last_lines_keeps_no_layer_and_runs_again_next_time()
    {
        var image = await TestGuestImage.SharedAsync();
        var project = Project("failing", ("10-fails.sh", "echo about to fail\nexit 4"));
        var plan = project.Plan([("10-fails.sh", false, false)], []);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => ProvisionAsync(image, plan, new RecordingLog()));
        var again = new RecordingLog();
        await Assert.ThrowsExactlyAsync<WinVmException>(() => ProvisionAsync(image, plan, again));

        Assert.AreEqual(ErrorCodes.ProvisionStepFailed, error.Code);
        StringAssert.Contains(error.Message, "10-fails.sh exited with code 4");
        StringAssert.Contains(error.Message, "about to fail");
        CollectionAssert.AreEqual(new[] { "10-fails.sh" }, StepsRun(again).ToArray(), "the next build runs the step again");
        var key = ProvisionStage.Key(image.InstallEntry, plan.Steps[0], []);
        Assert.IsFalse(Directory.Exists(image.Environment.Cache.EntryPath(EntryKind.Layer, key)));
        Assert.IsEmpty(Directory.GetDirectories(Path.Combine(image.Environment.Cache.Root, EntryKind.Layer.Name), ".*"), "a half-written layer was left");
    }

    [TestMethod]
    public async Task A_step_with_restart_has_the_guest_restarted_within_its_layer()
    {
        var image = await TestGuestImage.SharedAsync();

        // The boot's id is in memory: after a restart the guest has another.
        var project = Project("restart", ("10-restart.sh", "mkdir -p /opt/boots && cat /proc/sys/kernel/random/boot_id > /opt/boots/step"));
        var log = new RecordingLog();

        var layer = await ProvisionAsync(image, project.Plan([("10-restart.sh", false, true)], []), log);
        var lines = await RunOnSnapshotAsync(image, layer, "cat /opt/boots/step");

        // The guest says so on its console at each boot: once for the step, once after the restart.
        Assert.AreEqual(2, log.Details.Count(line => line.StartsWith("layer guest: winvmbuild-testguest: sshd listening", StringComparison.Ordinal)), log.Text);
        Assert.IsTrue(log.Details.Any(line => line.StartsWith("layer: guest restarted at ", StringComparison.Ordinal)), log.Text);
        Assert.HasCount(1, lines);
        Assert.AreEqual(36, lines.Single().Length, "the step's file survived the restart");
    }

    [TestMethod]
    public async Task Only_a_step_with_network_reaches_a_server_on_the_hosts_loopback_through_the_gateway()
    {
        var image = await TestGuestImage.SharedAsync();
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var received = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var serving = ServeAsync(server, received, stop.Token);
        var probe = $"if echo from-the-guest | nc -w 5 {GuestNetwork.GatewayAddress} {port}; then echo reached; else echo unreachable; fi";
        var project = Project("network", ("10-open.sh", probe), ("20-closed.sh", probe));
        var log = new RecordingLog();

        await ProvisionAsync(image, project.Plan([("10-open.sh", true, false), ("20-closed.sh", false, false)], []), log);
        await stop.CancelAsync();
        await serving;

        CollectionAssert.Contains(log.Messages.ToList(), "10-open.sh: reached", log.Text);
        CollectionAssert.Contains(log.Messages.ToList(), "20-closed.sh: unreachable", log.Text);
        CollectionAssert.AreEqual(new[] { "from-the-guest" }, received.ToArray());
        StringAssert.Contains(log.Text, "running 10-open.sh, which may reach the network");
    }

    private static Task<string> ProvisionAsync(TestGuestImage image, ProvisionPlan plan, RecordingLog log) =>
        ProvisionStage.RunAsync(image.Environment with { Log = log }, image.Guest, image.Media, image.InstallEntry, plan, StepTimeout, CancellationToken.None);

    /// <summary>The steps that ran (not found in the cache), in order.</summary>
    private static IReadOnlyList<string> StepsRun(RecordingLog log) =>
        log.Messages.Where(line => line.StartsWith("WinVmBuild: layer: running ", StringComparison.Ordinal))
            .Select(line => line["WinVmBuild: layer: running ".Length..].Split([',', ' '])[0])
            .ToList();

    /// <summary>Takes the snapshot of <paramref name="layer"/> and runs <paramref name="command"/> in a revived guest; returns its output.</summary>
    private static async Task<IReadOnlyList<string>> RunOnSnapshotAsync(TestGuestImage image, string layer, string command)
    {
        var snapshot = await SuspendStage.RunAsync(image.Environment, image.Guest, image.Media, layer, TestGuestImage.StageTimeout, CancellationToken.None);
        var lines = new ConcurrentQueue<string>();
        var request = new RunRequest(command, TestPaths.NewScratchFolder("provision-run"), [], [], TestPaths.NewScratchFolder("provision-out"));
        var result = await RunStage.RunAsync(image.Environment, image.Guest, image.Media, snapshot, request, TestGuestImage.StageTimeout, lines.Enqueue, CancellationToken.None);
        Assert.AreEqual(0, result.ExitCode, result.LastOutputLines);
        return lines.ToList();
    }

    private static async Task ServeAsync(TcpListener server, ConcurrentQueue<string> received, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var client = await server.AcceptTcpClientAsync(cancellationToken);
                using var reader = new StreamReader(client.GetStream());
                received.Enqueue((await reader.ReadLineAsync(cancellationToken))!);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static StepProject Project(string name, params (string File, string Text)[] files)
    {
        var project = new StepProject(TestPaths.NewScratchFolder("provision-" + name));
        foreach (var (file, text) in files)
        {
            project.Write(file, text);
        }

        return project;
    }

    /// <summary>A project folder with its steps under provision/ and the files they read at its root.</summary>
    private sealed record StepProject(string Folder)
    {
        public void Write(string file, string text) =>
            File.WriteAllText(file.EndsWith(".sh", StringComparison.Ordinal) ? StepPath(file) : Path.Combine(Folder, file), text + "\n");

        /// <summary>The plan of <paramref name="steps"/>, already written, and of <paramref name="files"/>, written now.</summary>
        public ProvisionPlan Plan(IReadOnlyList<(string File, bool Network, bool Restart)> steps, IReadOnlyList<(string File, string Text, string? Step)> files)
        {
            foreach (var file in files)
            {
                Write(file.File, file.Text);
            }

            return new(
                steps.Select(step => new ProvisionStep(step.File, StepPath(step.File), "provision/" + step.File, ProvisionStepKind.Shell, step.Network, step.Restart)).ToList(),
                files.Select(file => new ProvisionFile(Path.Combine(Folder, file.File), file.File, file.Step)).ToList());
        }

        private string StepPath(string file) => Path.Combine(Directory.CreateDirectory(Path.Combine(Folder, "provision")).FullName, file);
    }
}
