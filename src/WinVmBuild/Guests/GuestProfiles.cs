using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.TestGuest;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Vm;

namespace WinVmBuild.Guests;

/// <summary>Chooses the guest profile a project asked for (<c>WinVmGuest</c>: windows or test).</summary>
public static class GuestProfiles
{
    public const string Windows = "windows";
    public const string Test = "test";

    /// <summary>Every value <c>WinVmGuest</c> may take.</summary>
    public static readonly IReadOnlyList<string> Names = [Windows, Test];

    /// <param name="imageFolder">The image's folder from the media stage: its secrets file, and the test guest's initrd.</param>
    /// <param name="kernel">The test guest's kernel (<c>WinVmKernel</c>); empty finds the host's. Windows needs none.</param>
    public static async Task<IGuestProfile> CreateAsync(
        string guest, string imageFolder, string? kernel, WindowsVersion version, int memoryMegabytes, int cpus, Firmware firmware,
        CancellationToken cancellationToken)
    {
        switch (guest.Trim().ToLowerInvariant())
        {
            case Test:
                return await TestGuestProfile.ForImageAsync(
                    HostKernel.Find(kernel), Path.Combine(imageFolder, "testguest.cpio"), memoryMegabytes, cpus, cancellationToken).ConfigureAwait(false);
            case Windows:
                var secrets = Path.Combine(imageFolder, InstallSecrets.FileName);
                if (!File.Exists(secrets))
                {
                    throw new WinVmException(ErrorCodes.StageInputMissing, $"The image's secrets file '{secrets}' is missing: the media stage did not run for this image.")
                    {
                        File = secrets,
                    };
                }

                return new WindowsGuestProfile(InstallSecrets.Read(secrets).AdminUser, version, memoryMegabytes, cpus, firmware);
            default:
                throw new WinVmException(ErrorCodes.UnknownGuest, $"WinVmGuest is '{guest}'. Set it to one of: {string.Join(", ", Names)}.");
        }
    }
}
