using System.Net;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet.Common;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Network;

/// <summary>
/// The wait strategy for a guest's sshd. A revived guest answers at once: the first login attempt succeeds. A booting
/// one does not, and QEMU's forwarding hides why: the connection to the forwarded port is accepted either way, and a
/// guest that has not configured its address yet never answers. So until an SSH banner arrives, a light probe starts
/// every half second, each waiting long enough for a slow guest's sshd; the login follows the first banner. The wait
/// ends when the guest's QEMU exits (WVB0356) or the deadline passes (<see cref="TimeoutException"/>, which the stage
/// reports with the guest's screen).
/// </summary>
public static class SshWait
{
    private static readonly TimeSpan FirstAttemptTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    public static async Task<GuestSsh> UntilConnectedAsync(SshTarget target, Task guestExited, DateTime deadline, CancellationToken cancellationToken)
    {
        var attemptTimeout = FirstAttemptTimeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException("The guest's sshd did not answer in time.");
            }

            try
            {
                return await GuestSsh.ConnectAsync(target, remaining < attemptTimeout ? remaining : attemptTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SshException or SocketException or ProxyException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening (yet): wait for a banner below, then log in again.
            }

            await WaitForBannerAsync(target.Port, guestExited, deadline, cancellationToken).ConfigureAwait(false);
            attemptTimeout = LoginTimeout;
        }
    }

    private static async Task WaitForBannerAsync(int port, Task guestExited, DateTime deadline, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probes = new List<Task<bool>>();
        try
        {
            while (true)
            {
                if (guestExited.IsCompleted)
                {
                    throw new WinVmException(ErrorCodes.GuestStopped, "The guest's VM stopped before its sshd answered: it powered off or crashed.");
                }

                if (DateTime.UtcNow >= deadline)
                {
                    return;
                }

                probes.Add(ProbeAsync(port, stop.Token));
                var tick = Task.Delay(ProbeInterval, cancellationToken);
                while (!tick.IsCompleted)
                {
                    await Task.WhenAny(probes.Append<Task>(tick).Append(guestExited)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (probes.Any(probe => probe is { IsCompletedSuccessfully: true, Result: true }))
                    {
                        return;
                    }

                    probes.RemoveAll(probe => probe.IsCompleted);
                    if (guestExited.IsCompleted)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await ((Task)Task.WhenAll(probes)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>True when the port answers with an SSH banner within <see cref="ProbeTimeout"/>; false when it closes first.</summary>
    private static async Task<bool> ProbeAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            var banner = new byte[4];
            var read = 0;
            while (read < banner.Length)
            {
                var count = await client.GetStream().ReadAsync(banner.AsMemory(read), timeout.Token).ConfigureAwait(false);
                if (count == 0)
                {
                    return false;
                }

                read += count;
            }

            return Encoding.ASCII.GetString(banner) == "SSH-";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
