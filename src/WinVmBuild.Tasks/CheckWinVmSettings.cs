using Microsoft.Build.Framework;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Network;

namespace WinVmBuild.Tasks;

/// <summary>
/// Checks the project's WinVm* settings before any stage starts, and reports every problem at once (not
/// only the first), each with its code and the property to change: a wrong setting found here costs a
/// second; found by a stage it could cost an hour-long Windows install.
/// </summary>
public sealed class CheckWinVmSettings : WinVmTask
{
    private static readonly string[] Accelerators = ["auto", "kvm", "tcg"];

    public string? Guest { get; set; }

    public string? Iso { get; set; }

    public string? WindowsVersion { get; set; }

    public string? ImageIndex { get; set; }

    public string? ImageName { get; set; }

    public string? Firmware { get; set; }

    /// <summary>WinVmAnswerMedia: floppy, cd, or empty for the version's own.</summary>
    public string? AnswerMedia { get; set; }

    public string? Memory { get; set; }

    public string? Cpus { get; set; }

    public string? Accelerator { get; set; }

    public string? CacheDir { get; set; }

    public string? CygwinSetupExe { get; set; }

    public string? CygwinMirror { get; set; }

    public string? Command { get; set; }

    public string? InstallTimeout { get; set; }

    public string? SuspendTimeout { get; set; }

    public string? RunTimeout { get; set; }

    /// <summary>WinVmShare items: host folders, with an optional <c>Name</c> the guest sees them by.</summary>
    public ITaskItem[] Shares { get; set; } = [];

    /// <summary>WinVmOutput items: paths relative to the guest's project folder.</summary>
    public ITaskItem[] Outputs { get; set; } = [];

    protected override async Task ExecuteAsync()
    {
        var problems = FindProblems().ToList();
        if (problems.Count == 0 && IsWindows)
        {
            // Only once the settings it depends on are right: it reads the whole ISO's file list.
            problems.AddRange(await Problem(() => WindowsInstallerIso.CheckAsync(
                Iso!, EnumOption.Parse<Firmware>(Firmware, "WinVmFirmware", ErrorCodes.SettingNotAllowed), CancellationToken)).ConfigureAwait(false));
        }

        foreach (var problem in problems)
        {
            Log.LogError(subcategory: null, problem.Code, helpKeyword: null, file: null, 0, 0, 0, 0, problem.Message);
        }
    }

    private bool IsWindows => string.Equals(Guest, GuestProfiles.Windows, StringComparison.OrdinalIgnoreCase);

    private IEnumerable<WinVmException> FindProblems()
    {
        var problems = new List<WinVmException?>
        {
            OneOf("WinVmGuest", Guest, GuestProfiles.Names, ErrorCodes.UnknownGuest),
            OneOf("WinVmAccelerator", Accelerator, Accelerators, ErrorCodes.SettingNotAllowed),
            Required("WinVmCommand", Command, "the command the guest runs on every build, e.g. 'make check'"),
            Required("WinVmCacheDir", CacheDir, "a folder for the media, base images and snapshots (HOME is not set)"),
            Required("WinVmCygwinMirror", CygwinMirror, "the http(s):// or file:// URL of a Cygwin mirror"),
            PositiveNumber("WinVmMemory", Memory),
            PositiveNumber("WinVmCpus", Cpus),
            PositiveNumber("WinVmInstallTimeout", InstallTimeout),
            PositiveNumber("WinVmSuspendTimeout", SuspendTimeout),
            PositiveNumber("WinVmRunTimeout", RunTimeout),
        };
        if (IsWindows)
        {
            problems.AddRange(FindWindowsProblems());
        }

        problems.AddRange(FindShareProblems());
        problems.AddRange(Outputs.Select(CheckOutput));
        return problems.OfType<WinVmException>();
    }

    private List<WinVmException?> FindWindowsProblems()
    {
        var setupProgram = ExistingFile("WinVmCygwinSetupExe", CygwinSetupExe, "the path of Cygwin's setup program (setup-x86_64.exe, setup-x86.exe for xp and 2003)");
        var problems = new List<WinVmException?> { ExistingFile("WinVmIso", Iso, "the path of your Windows installation ISO"), setupProgram };
        if (!string.IsNullOrEmpty(ImageIndex))
        {
            problems.Add(PositiveNumber("WinVmImageIndex", ImageIndex));
            if (!string.IsNullOrEmpty(ImageName))
            {
                problems.Add(new WinVmException(ErrorCodes.SettingsContradict,
                    "WinVmImageIndex and WinVmImageName are both set; they choose the same thing (the edition in the " +
                    "ISO's install.wim). Keep one of them."));
            }
        }

        // The media stage's own parsers and rules: one list of versions and firmware, one rule for what combines.
        WindowsVersion version;
        try
        {
            version = WindowsVersionTraits.Parse(WindowsVersion);
        }
        catch (WinVmException e)
        {
            problems.Add(e);
            return problems;
        }

        if (setupProgram is null)
        {
            problems.Add(Problem(() => SetupProgram.Check(CygwinSetupExe!, CygwinSupport.For(version).Architecture, $"Windows {WindowsVersion}")));
        }

        problems.Add(Problem(() =>
        {
            var media = string.IsNullOrEmpty(AnswerMedia)
                ? version.DefaultAnswerMedia()
                : EnumOption.Parse<MediaKind>(AnswerMedia, "WinVmAnswerMedia", ErrorCodes.SettingNotAllowed);
            UnattendedMediaInputs.CheckCombination(version, EnumOption.Parse<Firmware>(Firmware, "WinVmFirmware", ErrorCodes.SettingNotAllowed), media);
        }));
        return problems;
    }

    private IEnumerable<WinVmException?> FindShareProblems()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var share in Shares)
        {
            yield return ExistingFolder("WinVmShare", share.ItemSpec);

            // The run stage's own rules for a share's name, checked now rather than after install and snapshot.
            var name = ShareItems.Name(share);
            yield return Problem(() => SharedFolder.CheckName(name));
            if (!names.Add(name))
            {
                yield return new WinVmException(ErrorCodes.DuplicateShareName,
                    $"Two WinVmShare items are shared under the name '{name}'. Give one of them another Name metadata, " +
                    "e.g. <WinVmShare Include=\"...\" Name=\"tools\" />.");
            }
        }
    }

    private static WinVmException? CheckOutput(ITaskItem output) =>
        OutputPath.Normalize(output.ItemSpec) is null
            ? new WinVmException(ErrorCodes.OutputPathOutsideProject,
                $"WinVmOutput '{output.ItemSpec}' is not inside the guest's project folder. Write it as a path relative " +
                "to the project folder, e.g. <WinVmOutput Include=\"out/report.txt\" />.")
            : null;

    private static WinVmException? Problem(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (WinVmException e)
        {
            return e;
        }
    }

    private static async Task<IEnumerable<WinVmException>> Problem(Func<Task> check)
    {
        try
        {
            await check().ConfigureAwait(false);
            return [];
        }
        catch (WinVmException e)
        {
            return [e];
        }
    }

    private static WinVmException? Required(string property, string? value, string whatToSet) =>
        string.IsNullOrWhiteSpace(value)
            ? new WinVmException(ErrorCodes.RequiredSettingMissing, $"{property} is not set. Set it to {whatToSet}.")
            : null;

    private static WinVmException? OneOf(string property, string? value, IReadOnlyList<string> allowed, string code) =>
        allowed.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? null
            : new WinVmException(code, $"{property} is '{value}'. Set it to one of: {string.Join(", ", allowed)}.");

    private static WinVmException? PositiveNumber(string property, string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number > 0
            ? null
            : new WinVmException(ErrorCodes.SettingNotPositiveNumber,
                $"{property} is '{value}'. Set it to a whole number greater than zero.");

    private static WinVmException? ExistingFile(string property, string? path, string whatToSet) =>
        Required(property, path, whatToSet)
        ?? (File.Exists(path)
            ? null
            : new WinVmException(ErrorCodes.InputFileMissing, $"{property} names '{path}', which does not exist. Set it to {whatToSet}."));

    private static WinVmException? ExistingFolder(string item, string path) =>
        Directory.Exists(path)
            ? null
            : new WinVmException(ErrorCodes.InputFileMissing, $"{item} '{path}' is not an existing folder. Fix the path of that item.");
}
