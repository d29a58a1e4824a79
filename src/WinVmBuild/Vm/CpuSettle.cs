using System.Diagnostics;
using System.Globalization;

namespace WinVmBuild.Vm;

/// <summary>
/// When a guest is quiet enough for its memory snapshot, judged from the host without asking the guest: its QEMU
/// used less than <see cref="Threshold"/> of one host CPU in every second of a whole <see cref="Window"/>. A guest
/// snapshotted while busy (Windows compiling .NET native images, TiWorker, a scan) carries that work into every
/// revived build, which then shares the CPU with it. The wait gives up after <see cref="Bound"/>.
/// </summary>
/// <remarks>
/// Measured on the test guest under TCG (2-core host shared with other VMs, QEMU 7.2), QEMU's utime+stime in half-second
/// steps at load 5-8: idle, 0-4 % of one host CPU (about 1 % on average, nearly all of it in the vCPU thread);
/// running a shell busy loop, 80-103 %; at load 12-20 (compilers and other VMs), in the settle's own one-second
/// samples, 60-73 % on average and never below 41 %. Under KVM an idle vCPU halts, so the same rule holds there with even less idle use.
/// </remarks>
/// <param name="Window">How long the guest must stay below the threshold.</param>
/// <param name="Threshold">The CPU use, as a share of one host CPU (0.2 is 20 %), below which a second counts as quiet.</param>
/// <param name="Bound">How long to wait at most for a quiet window (the stage's remaining time may cut it shorter).</param>
public sealed record CpuSettle(TimeSpan Window, double Threshold, TimeSpan Bound)
{
    /// <summary>How often QEMU's CPU time is read: each reading judges the interval before it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Reads <paramref name="cpuTime"/> (QEMU's CPU time so far) every <see cref="Interval"/> until the guest has been
    /// quiet for the window, or <paramref name="bound"/> has passed.
    /// </summary>
    public Task<SettleOutcome> WaitAsync(Func<TimeSpan> cpuTime, TimeSpan bound, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return WaitAsync(cpuTime, () => clock.Elapsed, Task.Delay, bound, cancellationToken);
    }

    /// <summary>The wait, with its clock and its delay given (the tests play samples through them).</summary>
    internal async Task<SettleOutcome> WaitAsync(
        Func<TimeSpan> cpuTime, Func<TimeSpan> elapsed, Func<TimeSpan, CancellationToken, Task> delay, TimeSpan bound,
        CancellationToken cancellationToken)
    {
        // The window is counted in samples, not by the clock: a delay that ends a moment early must not cost a sample.
        var needed = (int)Math.Ceiling(Window / Interval);
        var first = new Sample(elapsed(), cpuTime());
        var last = first;
        var quietSamples = 0;
        var quietest = double.NaN;
        while (quietSamples < needed && last.At - first.At < bound)
        {
            await delay(Interval, cancellationToken).ConfigureAwait(false);
            var sample = new Sample(elapsed(), cpuTime());
            var use = sample.UseSince(last);
            quietest = double.IsNaN(quietest) ? use : Math.Min(quietest, use);
            quietSamples = use < Threshold ? quietSamples + 1 : 0;
            last = sample;
        }

        return new SettleOutcome(this, quietSamples >= needed, last.At - first.At, last.UseSince(first), quietest);
    }

    /// <summary>QEMU's CPU time <see cref="Cpu"/> read at <see cref="At"/>.</summary>
    private readonly record struct Sample(TimeSpan At, TimeSpan Cpu)
    {
        /// <summary>The share of one host CPU used between <paramref name="earlier"/> and this sample (0 when no time passed).</summary>
        public double UseSince(Sample earlier) => At > earlier.At ? (Cpu - earlier.Cpu) / (At - earlier.At) : 0;
    }
}

/// <summary>How a <see cref="CpuSettle"/> wait ended.</summary>
/// <param name="Quiet">Whether the guest stayed below the threshold for the whole window (false: the wait gave up).</param>
/// <param name="Waited">How long it waited.</param>
/// <param name="AverageUse">QEMU's CPU use over the whole wait, as a share of one host CPU.</param>
/// <param name="QuietestUse">Its lowest use in one interval (NaN when the wait took no sample).</param>
public sealed record SettleOutcome(CpuSettle Rule, bool Quiet, TimeSpan Waited, double AverageUse, double QuietestUse)
{
    /// <summary>The CPU use the wait saw, against the rule, for the detailed log and the warning.</summary>
    public string Described
    {
        get
        {
            var quietest = double.IsNaN(QuietestUse) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", {QuietestUse:0%} in its quietest second");
            return string.Create(
                CultureInfo.InvariantCulture,
                $"QEMU at {AverageUse:0%} of one host CPU on average{quietest} (quiet: below {Rule.Threshold:0%} for {Rule.Window.TotalSeconds:0} s)");
        }
    }
}
