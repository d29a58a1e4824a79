using System.Diagnostics;
using WinVmBuild.Diagnostics;
using WinVmBuild.Network;

namespace WinVmBuild.Tests.Network;

/// <summary>The SSH client against the host's real sshd: host key pinning, key refusal, streams and exit codes.</summary>
[TestClass]
[RequiresHostPackages]
public sealed class GuestSshTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [TestMethod]
    public async Task The_host_key_is_learned_then_pinned_and_output_streams_line_by_line_with_the_exit_code()
    {
        await using var sshd = await HostSshd.StartAsync();
        HostKeyPin learned;
        using (var first = await GuestSsh.ConnectAsync(Target(sshd, pin: null), Timeout, CancellationToken.None))
        {
            learned = first.HostKey;
        }

        using var ssh = await GuestSsh.ConnectAsync(Target(sshd, learned), Timeout, CancellationToken.None);
        var lines = new List<string>();
        var errors = new List<string>();
        var exitCode = await ssh.RunAsync(
            new GuestCommand("echo one; echo two; echo oops >&2; exit 7") { OnOutputLine = lines.Add, OnErrorLine = errors.Add },
            CancellationToken.None);

        StringAssert.StartsWith(learned.Fingerprint, "ssh-ed25519 SHA256:");
        Assert.AreEqual(learned, ssh.HostKey);
        Assert.AreEqual(7, exitCode);
        CollectionAssert.AreEqual(new[] { "one", "two" }, lines);
        CollectionAssert.AreEqual(new[] { "oops" }, errors);
    }

    /// <summary>
    /// The guests' sshd offers curve25519 only under its pre-7.4 name (XP's Cygwin has OpenSSH 7.3p1, which refuses to
    /// start with the RFC name); a client that kept only the RFC name would find no common key exchange.
    /// </summary>
    [TestMethod]
    [DataRow("curve25519-sha256@libssh.org")]
    [DataRow("curve25519-sha256")]
    public async Task The_client_meets_an_sshd_restricted_to_either_name_of_curve25519(string keyExchange)
    {
        await using var sshd = await HostSshd.StartAsync(keyExchange);
        using var ssh = await GuestSsh.ConnectAsync(Target(sshd, pin: null), Timeout, CancellationToken.None);

        Assert.AreEqual(0, await ssh.RunAsync(new GuestCommand("exit 0"), CancellationToken.None));
    }

    [TestMethod]
    public async Task Standard_input_and_binary_output_pass_through_unchanged()
    {
        await using var sshd = await HostSshd.StartAsync();
        using var ssh = await GuestSsh.ConnectAsync(Target(sshd, pin: null), Timeout, CancellationToken.None);
        var sent = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        var received = new MemoryStream();

        var exitCode = await ssh.RunAsync(
            new GuestCommand("cat")
            {
                WriteInput = (input, token) => input.WriteAsync(sent, token).AsTask(),
                ReadOutput = (output, token) => output.CopyToAsync(received, token),
            },
            CancellationToken.None);

        Assert.AreEqual(0, exitCode);
        CollectionAssert.AreEqual(sent, received.ToArray());
    }

    [TestMethod]
    public async Task Another_host_key_than_the_pinned_one_is_WVB0358_and_nothing_runs()
    {
        await using var sshd = await HostSshd.StartAsync();
        var pinned = new HostKeyPin("ssh-ed25519 SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(() => GuestSsh.ConnectAsync(Target(sshd, pinned), Timeout, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.HostKeyMismatch, error.Code);
        StringAssert.Contains(error.Message, pinned.Fingerprint);
    }

    [TestMethod]
    public async Task A_key_the_guest_does_not_authorize_is_WVB0359()
    {
        await using var sshd = await HostSshd.StartAsync();
        var stranger = Path.Combine(TestPaths.NewScratchFolder("stranger"), "id");
        await WinVmBuild.Host.OpenSsh.GenerateKeyPairAsync(stranger, "stranger", CancellationToken.None);

        var error = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => GuestSsh.ConnectAsync(Target(sshd, pin: null) with { PrivateKeyFile = stranger }, Timeout, CancellationToken.None));

        Assert.AreEqual(ErrorCodes.SshKeyRefused, error.Code);
    }

    [TestMethod]
    public async Task Waiting_retries_until_sshd_listens_and_gives_up_at_the_deadline_or_when_the_guest_stops()
    {
        await using var sshd = await HostSshd.StartAsync();
        var nobody = Target(sshd, null) with { Port = HostSshd.FreePort() };
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsExactlyAsync<TimeoutException>(
            () => SshWait.UntilConnectedAsync(nobody, new TaskCompletionSource().Task, DateTime.UtcNow.AddSeconds(1), CancellationToken.None));
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5), $"gave up after {clock.Elapsed}");
        var stopped = await Assert.ThrowsExactlyAsync<WinVmException>(
            () => SshWait.UntilConnectedAsync(nobody, Task.CompletedTask, DateTime.UtcNow.AddMinutes(1), CancellationToken.None));
        Assert.AreEqual(ErrorCodes.GuestStopped, stopped.Code);

        using var ssh = await SshWait.UntilConnectedAsync(Target(sshd, null), new TaskCompletionSource().Task, DateTime.UtcNow.AddSeconds(30), CancellationToken.None);
        Assert.IsNotNull(ssh.HostKey);
    }

    private static SshTarget Target(HostSshd sshd, HostKeyPin? pin) => new(sshd.Port, Environment.UserName, sshd.ClientKey, pin);
}
