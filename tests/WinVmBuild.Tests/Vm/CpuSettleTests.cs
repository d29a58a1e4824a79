using WinVmBuild.Vm;

namespace WinVmBuild.Tests.Vm;

/// <summary>The settle's decision, played through a clock that moves only when the wait sleeps: no VM, no real time.</summary>
[TestClass]
public sealed class CpuSettleTests
{
    private static readonly CpuSettle Rule = new(TimeSpan.FromSeconds(3), 0.2, TimeSpan.FromSeconds(20));

    [TestMethod]
    public async Task An_idle_guest_is_quiet_after_exactly_one_window()
    {
        var outcome = await PlayAsync(Rule, [0.01, 0.04, 0.0, 0.9, 0.9]);

        Assert.IsTrue(outcome.Quiet);
        Assert.AreEqual(TimeSpan.FromSeconds(3), outcome.Waited);
        Assert.AreEqual(0.0, outcome.QuietestUse, 1e-9);
    }

    [TestMethod]
    public async Task A_busy_guest_is_quiet_one_window_after_its_last_busy_second()
    {
        var outcome = await PlayAsync(Rule, [1.0, 0.95, 0.8, 1.0, 0.1, 0.05, 0.0, 0.0]);

        Assert.IsTrue(outcome.Quiet);
        Assert.AreEqual(TimeSpan.FromSeconds(7), outcome.Waited);
        Assert.AreEqual((1.0 + 0.95 + 0.8 + 1.0 + 0.1 + 0.05) / 7, outcome.AverageUse, 1e-9);
    }

    [TestMethod]
    public async Task One_second_at_the_threshold_starts_the_window_again()
    {
        var outcome = await PlayAsync(Rule, [0.0, 0.0, 0.2, 0.0, 0.19, 0.0, 0.5]);

        Assert.IsTrue(outcome.Quiet);
        Assert.AreEqual(TimeSpan.FromSeconds(6), outcome.Waited);
    }

    [TestMethod]
    public async Task A_guest_that_never_quiets_is_given_up_at_the_bound_with_what_was_seen()
    {
        var busy = Enumerable.Repeat(0.9, 19).Append(0.3).Concat(Enumerable.Repeat(0.0, 10)).ToList();

        var outcome = await PlayAsync(Rule, busy);

        Assert.IsFalse(outcome.Quiet);
        Assert.AreEqual(Rule.Bound, outcome.Waited);
        Assert.AreEqual(0.3, outcome.QuietestUse, 1e-9);
        Assert.AreEqual("QEMU at 87% of one host CPU on average, 30% in its quietest second (quiet: below 20% for 3 s)", outcome.Described);
    }

    [TestMethod]
    public async Task A_window_that_ends_at_the_bound_is_still_quiet()
    {
        var outcome = await PlayAsync(Rule with { Bound = TimeSpan.FromSeconds(5) }, [1.0, 1.0, 0.0, 0.0, 0.0, 1.0]);

        Assert.IsTrue(outcome.Quiet);
        Assert.AreEqual(TimeSpan.FromSeconds(5), outcome.Waited);
    }

    [TestMethod]
    public async Task With_no_time_left_it_gives_up_at_once_without_a_sample()
    {
        var outcome = await PlayAsync(Rule with { Bound = TimeSpan.Zero }, [0.0]);

        Assert.IsFalse(outcome.Quiet);
        Assert.AreEqual(TimeSpan.Zero, outcome.Waited);
        Assert.AreEqual("QEMU at 0% of one host CPU on average (quiet: below 20% for 3 s)", outcome.Described);
    }

    [TestMethod]
    public async Task The_real_clock_reads_QEMUs_CPU_time_once_a_second()
    {
        var reads = 0;

        var outcome = await new CpuSettle(TimeSpan.FromSeconds(1), 0.2, TimeSpan.FromSeconds(10))
            .WaitAsync(() => TimeSpan.FromSeconds(++reads * 0.01), TimeSpan.FromSeconds(10), CancellationToken.None);

        // Judged by samples, not by the clock: a loaded host's late or early timer changes neither the reads nor the verdict.
        Assert.IsTrue(outcome.Quiet);
        Assert.AreEqual(2, reads);
        Assert.IsGreaterThan(TimeSpan.Zero, outcome.Waited);
    }

    /// <summary>
    /// Runs <paramref name="rule"/>'s wait, bounded by its own bound, over a guest whose QEMU uses <paramref name="uses"/>
    /// (shares of one host CPU) in its successive seconds.
    /// </summary>
    private static Task<SettleOutcome> PlayAsync(CpuSettle rule, IReadOnlyList<double> uses)
    {
        var now = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        var second = 0;
        return rule.WaitAsync(
            () => cpu,
            () => now,
            (interval, _) =>
            {
                Assert.AreEqual(CpuSettle.Interval, interval);
                now += interval;
                cpu += interval * uses[second++];
                return Task.CompletedTask;
            },
            rule.Bound,
            CancellationToken.None);
    }
}
