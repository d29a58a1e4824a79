namespace WinVmBuild.Vm;

/// <summary>What time the guest sees (<c>WinVmClock</c>).</summary>
public enum GuestClock
{
    /// <summary>
    /// The host's: the guest's RTC starts at the host's UTC time at every boot, and a revived guest is set to the host's
    /// time before the command runs, so files it makes and files from the host compare as they should.
    /// </summary>
    Host,

    /// <summary>
    /// The same date at every boot (<see cref="QemuArguments.FixedClockBase"/>), running only while the VM runs: a
    /// build never depends on the host's date. The guest's clock then lags the host's by years.
    /// </summary>
    Fixed,
}
