using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.Provisioning;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Vm;

namespace WinVmBuild.IntegrationTests.Stages;

/// <summary>A guest profile that is another one but for what a test changes: each member passes through unless overridden.</summary>
internal abstract class GuestProfileDecorator(IGuestProfile guest) : IGuestProfile
{
    public virtual string Description => guest.Description;

    public string SshUser => guest.SshUser;

    public int DiskSizeGigabytes => guest.DiskSizeGigabytes;

    public virtual string SuspendSetupScript => guest.SuspendSetupScript;

    public virtual CpuSettle Settle => guest.Settle;

    public GuestShell Shell => guest.Shell;

    public string? WindowsRoot => guest.WindowsRoot;

    public SmbDialect ShareDialect => guest.ShareDialect;

    public string RestartCommand => guest.RestartCommand;

    public string PowerOffCommand => guest.PowerOffCommand;

    public string ProvisionCommand(ProvisionStep provision) => guest.ProvisionCommand(provision);

    public Task<BootableInstaller> BootableInstallerAsync(string? iso, StageCache cache, IBuildLog log, CancellationToken cancellationToken) =>
        guest.BootableInstallerAsync(iso, cache, log, cancellationToken);

    public virtual QemuMachineSpec InstallMachine(VmSlot slot, string disk, GuestInstallMedia media) => guest.InstallMachine(slot, disk, media);

    public virtual QemuMachineSpec BootMachine(VmSlot slot, string disk) => guest.BootMachine(slot, disk);
}
