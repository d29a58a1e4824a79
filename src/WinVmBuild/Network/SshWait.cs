using System.Net.Sockets;
using Renci.SshNet.Common;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Network;

/// <summary>
/// The wait strategy for a guest's sshd: one connection attempt after another until one logs in, the guest's QEMU
/// exits (WVB0356), or the deadline passes (<see cref="TimeoutException"/>, which the stage reports with the guest's
/// screen). A revived guest answers the first attempt; a booting one refuses, or lets an attempt time out, until its
/// sshd listens.
/// </summary>
public static class SshWait
{
    /// <summary>The longest one attempt may wait for an answer: a guest that has not configured its address yet never answers.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    public static async Task<GuestSsh> UntilConnectedAsync(SshTarget target, Task guestExited, DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException("The guest's sshd did not answer in time.");
            }

            try
            {
                return await GuestSsh.ConnectAsync(target, remaining < AttemptTimeout ? remaining : AttemptTimeout, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is SshException or SocketException or ProxyException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet: the next attempt, or the checks above, decide.
            }

            if (guestExited.IsCompleted)
            {
                throw new WinVmException(ErrorCodes.GuestStopped, "The guest's VM stopped before its sshd answered: it powered off or crashed.");
            }

            await Task.WhenAny(guestExited, Task.Delay(RetryDelay, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
