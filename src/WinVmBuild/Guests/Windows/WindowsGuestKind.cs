using System.Security.Cryptography;
using System.Text;
using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests.Windows.AnswerFiles;
using WinVmBuild.Host;
using WinVmBuild.Media;

namespace WinVmBuild.Guests.Windows;

/// <summary>
/// What a Windows install reads: the answer file (autounattend.xml, or winnt.sif for XP and Server 2003) on its medium,
/// and on the Cygwin CD the setup program, <c>winvmbuild.cmd</c> (run at the first logon), the quiet script and the
/// bootstrap that sets sshd up.
/// </summary>
/// <param name="ProductKey">The key setup gets, as the settings check decided it (<see cref="WindowsProductKey"/>); null: none needed.</param>
/// <param name="AdminPassword">The project's administrator password; null generates one.</param>
/// <param name="SetupProgram">Cygwin's setup program of the version's architecture.</param>
public sealed record WindowsGuestKind(
    WindowsVersion Version,
    Firmware Firmware,
    MediaKind AnswerMedium,
    ImageSelection Image,
    string? ProductKey,
    string? AdminPassword,
    string Locale,
    string TimeZone,
    bool QuietWindows,
    string SetupProgram) : IGuestKind
{
    /// <summary>The bootstrap runs ssh-host-config and cygrunsrv: openssh (which depends on both) is always installed.</summary>
    public const string SshPackage = "openssh";

    private CygwinSupport Cygwin => CygwinSupport.For(Version);

    public string Description => Version.DisplayName();

    public CygwinArchitecture Architecture => Cygwin.Architecture;

    public IReadOnlyList<string> RequiredPackages => [SshPackage];

    string? IGuestKind.SetupProgram => SetupProgram;

    public void AddKeyInputs(InputHash key) => key
        .Add("windows", Version.ToString())
        .Add("firmware", Firmware.ToString())
        .Add("answer media", AnswerMedium.ToString())
        .Add("image", $"{Image.Key}={Image.Value}")
        .Add("product key", Digest(ProductKey))
        .Add("admin password", Digest(AdminPassword))
        .Add("locale", Locale)
        .Add("time zone", TimeZone)
        .Add("quiet windows", QuietWindows ? "on" : "off")
        .AddFile("setup program", SetupProgram);

    public void CheckRepository(SetupIni repository, string mirror) => Cygwin.CheckRelease(repository, Version, mirror);

    public InstallSecrets NewSecrets() =>
        new(Version.AdministratorAccount(), AdminPassword ?? PasswordGenerator.Generate(), PasswordGenerator.Generate());

    public Task<GuestMediaFiles> CreateAsync(GuestMediaInputs inputs, MediaEntry entry, IBuildLog log, CancellationToken cancellationToken)
    {
        var answer = new AnswerFileInputs
        {
            Version = Version,
            Firmware = Firmware,
            Image = Image,
            ProductKey = ProductKey,
            Locale = Locale,
            TimeZone = TimeZone,
            QuietWindows = QuietWindows,
            Secrets = inputs.Secrets,
            Cygwin = inputs.Cygwin,
            SshPublicKey = inputs.SshPublicKey,
        };
        MediaFile answerFile = Version.AnswerFileKind() == AnswerFileKind.WinntSif
            ? new(WinntSifWriter.FileName, WinntSifWriter.Create(answer))
            : new(AutounattendWriter.FileName, AutounattendWriter.Create(answer));
        List<MediaFile> repository =
        [
            new(InstallScript.FileName, InstallScript.Create(answer)),
            new(BootstrapScript.FileName, BootstrapScript.Create(answer)),
            CygwinCd.Marker(Description),
        ];
        if (QuietWindows)
        {
            repository.Add(new(QuietScript.FileName, QuietScript.Create(Version)));
        }

        return Task.FromResult(new GuestMediaFiles([answerFile], repository));
    }

    public IGuestProfile Profile(MediaEntry media, int memoryMegabytes, int cpus) =>
        new WindowsGuestProfile(Version.AdministratorAccount(), Version, memoryMegabytes, cpus, Firmware) { QuietWindows = QuietWindows };

    /// <summary>Keeps the product key and password out of anything that formats this record.</summary>
    public override string ToString() => $"{nameof(WindowsGuestKind)} {{ {Version}, {Firmware}, {AnswerMedium}, {Image.Key}={Image.Value} }}";

    /// <summary>A secret enters the key only as its digest; absent, as "none".</summary>
    private static string Digest(string? secret) =>
        secret is null ? "none" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
