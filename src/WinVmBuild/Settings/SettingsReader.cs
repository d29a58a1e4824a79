using System.Globalization;
using WinVmBuild.Cache;
using WinVmBuild.Cygwin;
using WinVmBuild.Diagnostics;
using WinVmBuild.Guests;
using WinVmBuild.Guests.Provisioning;
using WinVmBuild.Guests.Windows;
using WinVmBuild.Media;
using WinVmBuild.Network;
using WinVmBuild.Registry;
using WinVmBuild.Vm;

namespace WinVmBuild.Settings;

/// <summary>
/// The one place a project's settings are read, checked and defaulted. Every problem is collected, not only the first,
/// each with the one code of the rule it breaks (docs/errors.md): a wrong setting found here costs a second; found by a
/// stage it could cost an hour-long Windows install. Checks that probe the host or read the installer ISO are the orchestrating layer's (Stages/SettingsCheck).
/// </summary>
public sealed class SettingsReader
{
    /// <summary>Where Windows gets its Cygwin unless the project names a mirror.</summary>
    public const string DefaultWindowsMirror = "https://mirrors.kernel.org/sourceware/cygwin/";

    // Two vCPUs: each is a host thread under TCG too, and a revived guest answers SSH sooner than with one.
    private const int DefaultWindowsCpus = 2;

    // One: under TCG on a host whose cores are busy, a second vCPU thread starved of them leaves the guest kernel in
    // soft lockups (seen on 2 cores while a test run built beside it); the stand-in needs no second CPU.
    private const int DefaultTestGuestCpus = 1;
    private const int DefaultWindowsMemory = 2048;
    private const int DefaultTestGuestMemory = 512;

    // Minutes. An unattended Windows install under TCG (no KVM) takes well over an hour.
    private const int DefaultInstallMinutes = 120;
    private const int DefaultTestGuestSuspendMinutes = 20;

    // Windows' boot under TCG, its native images and servicing (at most 10 min, WindowsGuestProfile's settle script),
    // then the host's wait for a quiet CPU (at most 15 min): the snapshot must not be cut short by its own bound.
    private const int DefaultWindowsSuspendMinutes = 60;
    private const int DefaultRunMinutes = 60;

    // Long enough to read the error and look around; short enough that a forgotten VM does not hold 2 GB for the day.
    private const int DefaultKeepMinutes = 30;
    private const int MaxKeepMinutes = 7 * 24 * 60;

    // Minutes per provisioning step: an installer in Windows without KVM is slow; the test guest's steps are scripts.
    private const int DefaultWindowsProvisionMinutes = 60;
    private const int DefaultTestGuestProvisionMinutes = 10;

    private static readonly IReadOnlyDictionary<string, GuestKind> Guests = Names<GuestKind>();
    private static readonly IReadOnlyDictionary<string, Firmware> Firmwares = Names<Firmware>();
    private static readonly IReadOnlyDictionary<string, MediaKind> MediaKinds = Names<MediaKind>();
    private static readonly IReadOnlyDictionary<string, AcceleratorChoice> Accelerators = Names<AcceleratorChoice>();
    private static readonly IReadOnlyDictionary<string, GuestClock> Clocks = Names<GuestClock>();

    private static readonly IReadOnlyDictionary<string, bool> Booleans =
        new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase) { ["true"] = true, ["false"] = false };

    private readonly RawSettings _raw;
    private readonly List<WinVmException> _problems = [];

    private SettingsReader(RawSettings raw)
    {
        _raw = raw;
    }

    /// <summary>The checked settings, or a <see cref="SettingsException"/> listing every problem.</summary>
    public static WinVmSettings Read(RawSettings raw)
    {
        var reader = new SettingsReader(raw);
        var settings = reader.ReadAll();
        return reader._problems.Count == 0 ? settings : throw new SettingsException(reader._problems);
    }

    /// <summary>
    /// The cache and the size <c>WinVmCachePrune</c> prunes it to, or a <see cref="SettingsException"/>: only these two
    /// settings are read, so a project whose other settings no longer hold (an ISO moved away) still frees its cache.
    /// </summary>
    public static CacheLimit ReadCacheLimit(RawSettings raw)
    {
        var reader = new SettingsReader(raw);
        var cacheDir = reader.ReadCacheDir();
        var maxSize = reader.Required("WinVmCacheMaxSize", "the most the cache's entries may take, e.g. 100GB, for WinVmCachePrune to prune it to") is null
            ? null
            : reader.ReadCacheMaxSize();
        return reader._problems.Count == 0 ? new CacheLimit(cacheDir, maxSize!.Value) : throw new SettingsException(reader._problems);
    }

    private WinVmSettings ReadAll()
    {
        // An unknown guest is one problem, not also every rule of a guest it was never meant to be.
        var guest = Choice("WinVmGuest", Guests, GuestKind.Windows, out var guestKnown);
        var windows = guestKnown && guest == GuestKind.Windows;
        var test = guestKnown && guest == GuestKind.Test;
        // The test guest stands in for a current Windows: it takes Windows 10's rules for Cygwin and time zones.
        var version = windows ? Choice("WinVmWindowsVersion", WindowsVersionTraits.Names, WindowsVersion.Windows10) : WindowsVersion.Windows10;
        var firmware = Choice("WinVmFirmware", Firmwares, Firmware.Bios);
        var answerMedia = Choice("WinVmAnswerMedia", MediaKinds, test ? MediaKind.Floppy : version.DefaultAnswerMedia());
        Check(() => WindowsSetupRules.CheckCombination(version, firmware, answerMedia));

        return new WinVmSettings
        {
            Guest = guest,
            WindowsVersion = version,
            Firmware = firmware,
            AnswerMedia = answerMedia,
            Image = ReadImage(),
            ProductKey = windows ? Checked(() => ProductKey.Normalize(Secret("WinVmProductKey"))) : null,
            AdminPassword = windows ? ReadAdminPassword(version) : null,
            Locale = Checked(() => WindowsSetupRules.CheckLocale(Value("WinVmLocale", "en-US"))) ?? string.Empty,
            TimeZone = Checked(() => TimeZoneSetting.Resolve(Value("WinVmTimeZone", "UTC"), version)) ?? string.Empty,
            CygwinMirror = ReadMirror(windows || !guestKnown),
            CygwinSetupExe = windows ? ReadSetupProgram(version) : null,
            CygwinPackages = ReadPackages(),
            InstallerIso = windows
                ? ExistingFile("WinVmIso", "the path of your Windows installation ISO")
                : OptionalFile("WinVmIso"),
            Kernel = test ? NullIfEmpty(_raw["WinVmKernel"]) : null,
            MemoryMegabytes = PositiveNumber("WinVmMemory", windows ? DefaultWindowsMemory : DefaultTestGuestMemory),
            Cpus = PositiveNumber("WinVmCpus", windows ? DefaultWindowsCpus : DefaultTestGuestCpus),
            Accelerator = Choice("WinVmAccelerator", Accelerators, AcceleratorChoice.Auto),
            CpuModel = ReadCpuModel(),
            Clock = Choice("WinVmClock", Clocks, GuestClock.Host),
            CacheDir = ReadCacheDir(),
            CacheMaxSize = ReadCacheMaxSize(),
            VerifyCache = Choice("WinVmVerifyCache", Booleans, false),
            QuietWindows = Choice("WinVmQuietWindows", Booleans, true),
            CacheRegistry = ReadCacheRegistry(),
            InstallTimeout = TimeSpan.FromMinutes(PositiveNumber("WinVmInstallTimeout", DefaultInstallMinutes)),
            SuspendTimeout = TimeSpan.FromMinutes(PositiveNumber("WinVmSuspendTimeout", windows ? DefaultWindowsSuspendMinutes : DefaultTestGuestSuspendMinutes)),
            RunTimeout = TimeSpan.FromMinutes(PositiveNumber("WinVmRunTimeout", DefaultRunMinutes)),
            ProvisionTimeout = TimeSpan.FromMinutes(
                PositiveNumber("WinVmProvisionTimeout", windows ? DefaultWindowsProvisionMinutes : DefaultTestGuestProvisionMinutes)),
            Provision = ReadProvision(test, version),
            Command = Required("WinVmCommand", "the command the guest runs on every build, e.g. 'make check'") ?? string.Empty,
            ParseDiagnostics = Choice("WinVmParseDiagnostics", Booleans, true),
            TreatGuestErrorsAsErrors = Choice("WinVmTreatGuestErrorsAsErrors", Booleans, false),
            KeepOnFailure = Choice("WinVmKeepOnFailure", Booleans, false),
            KeepTime = ReadKeepTime(),
            Shares = ReadShares(),
            Outputs = ReadOutputs(),
        };
    }

    /// <summary>WinVmKeepMinutes: a number of minutes, a fraction allowed.</summary>
    private TimeSpan ReadKeepTime()
    {
        var value = _raw["WinVmKeepMinutes"];
        if (value.Length == 0)
        {
            return TimeSpan.FromMinutes(DefaultKeepMinutes);
        }

        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= MaxKeepMinutes)
        {
            return TimeSpan.FromMinutes(minutes);
        }

        _problems.Add(new WinVmException(
            ErrorCodes.SettingNotPositiveNumber, $"WinVmKeepMinutes is '{value}'. Set it to a number of minutes greater than zero and at most a week (10080), such as 30 or 0.5."));
        return TimeSpan.FromMinutes(DefaultKeepMinutes);
    }

    private string ReadCacheDir() => Path.GetFullPath(Value("WinVmCacheDir", CacheLayout.Default));

    /// <summary>A size, 1024-based: <c>100GB</c>, <c>500 MB</c>; null when unset.</summary>
    private long? ReadCacheMaxSize()
    {
        var value = _raw["WinVmCacheMaxSize"];
        if (value.Length == 0)
        {
            return null;
        }

        if (ByteSize.Parse(value) is { } bytes)
        {
            return bytes;
        }

        _problems.Add(new WinVmException(
            ErrorCodes.CacheMaxSizeInvalid,
            $"WinVmCacheMaxSize is '{value}'. Set it to a size: a number with an optional unit B, KB, MB, GB or TB, each 1024 times the " +
            "one before, e.g. 100GB or 500 MB."));
        return null;
    }

    /// <summary>A QEMU CPU model name, with its flags (<c>Haswell-noTSX,+aes</c>); a registry's snapshots default to a portable one.</summary>
    private string? ReadCpuModel()
    {
        var model = NullIfEmpty(_raw["WinVmCpuModel"]);
        if (model is not null && !model.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ',' or '+' or '='))
        {
            _problems.Add(new WinVmException(
                ErrorCodes.SettingNotAllowed,
                $"WinVmCpuModel is '{model}'. Set it to a QEMU CPU model ('qemu-system-x86_64 -cpu help' lists them), optionally with flags: 'Haswell-noTSX,+aes'."));
            return null;
        }

        return model ?? (NullIfEmpty(_raw["WinVmCacheRegistry"]) is null ? null : QemuArguments.PortableCpuModel);
    }

    /// <summary>The registry shared cache entries are pulled from, and pushed to when the project allows it.</summary>
    private RegistrySettings? ReadCacheRegistry()
    {
        var push = Choice("WinVmCachePush", Booleans, false);
        var required = Choice("WinVmCacheRegistryRequired", Booleans, false);
        if (NullIfEmpty(_raw["WinVmCacheRegistry"]) is not { } reference)
        {
            if (push || required)
            {
                Required("WinVmCacheRegistry", $"the registry repository to share cache entries through (WinVmCache{(push ? "Push" : "RegistryRequired")} is true), e.g. 'ghcr.io/acme/winvm'");
            }

            return null;
        }

        return Checked(() => RegistryReference.Parse(reference)) is { } registry
            ? new RegistrySettings(registry, push, required)
            : null;
    }

    private ImageSelection ReadImage()
    {
        var index = _raw["WinVmImageIndex"];
        var name = _raw["WinVmImageName"];
        if (index.Length > 0 && name.Length > 0)
        {
            Contradiction("WinVmImageIndex and WinVmImageName are both set; they choose the same thing (the edition in the ISO's install.wim). Keep one of them.");
        }

        if (name.Length > 0)
        {
            return ImageSelection.ByName(name);
        }

        return index.Length > 0 ? ImageSelection.ByIndex(PositiveNumber("WinVmImageIndex", 1)) : ImageSelection.Default;
    }

    /// <summary>A secret given inline (<paramref name="property"/>) or, kept out of every log, in a file (<paramref name="property"/>File).</summary>
    private string? Secret(string property)
    {
        var inline = _raw[property];
        var file = OptionalFile(property + "File");
        if (inline.Length > 0 && _raw[property + "File"].Length > 0)
        {
            Contradiction($"{property} and {property}File are both set; set only one of them ({property}File keeps the secret out of build logs).");
            return null;
        }

        return file is null ? NullIfEmpty(inline) : File.ReadAllText(file).Trim();
    }

    private string? ReadAdminPassword(WindowsVersion version)
    {
        var password = Secret("WinVmAdminPassword");
        if (password is not null)
        {
            Check(() => PasswordPolicy.Validate(password, version.AdministratorAccount()));
        }

        return password;
    }

    /// <summary>Windows has a default mirror; the test guest's packages come from the project's own.</summary>
    private string ReadMirror(bool hasDefault)
    {
        var mirror = hasDefault ? Value("WinVmCygwinMirror", DefaultWindowsMirror) : Required("WinVmCygwinMirror", "the http(s):// or file:// URL of a Cygwin mirror");
        return mirror is null ? string.Empty : Checked(() => MirrorClient.RootOf(mirror).AbsoluteUri) ?? string.Empty;
    }

    private string? ReadSetupProgram(WindowsVersion version)
    {
        var support = CygwinSupport.For(version);
        var path = ExistingFile("WinVmCygwinSetupExe", $"the path of Cygwin's setup program ({support.Architecture.SetupProgram()} for Windows {_raw["WinVmWindowsVersion"]})");
        if (path is not null)
        {
            Check(() => SetupProgram.Check(path, support.Architecture, $"Windows {_raw["WinVmWindowsVersion"]}"));
        }

        return path;
    }

    private IReadOnlyList<string> ReadPackages()
    {
        var packages = _raw.CygwinPackages.Select(package => package.Trim()).Where(package => package.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var package in packages)
        {
            Check(() => CygwinSelection.CheckName(package));
        }

        return packages;
    }

    /// <summary>
    /// The provisioning steps and the files they read, every problem at once: a missing file, an extension no guest runs,
    /// a kind this guest cannot run, a file outside the project, a name used twice or a Step naming none.
    /// </summary>
    private ProvisionPlan ReadProvision(bool testGuest, WindowsVersion version)
    {
        if (_raw.ProvisionSteps.Count == 0 && _raw.ProvisionFiles.Count == 0)
        {
            return ProvisionPlan.None;
        }

        var project = Path.GetFullPath(Required("WinVmProjectDirectory", "the project's folder (the SDK's targets set it)") ?? ".");
        var steps = new List<ProvisionStep>();
        foreach (var raw in _raw.ProvisionSteps)
        {
            var name = Path.GetFileName(raw.Path);
            var kind = ProvisionStep.KindOf(name);
            var inProject = InProject(project, raw.Path, "WinVmProvision");
            if (kind is null)
            {
                _problems.Add(new WinVmException(
                    ErrorCodes.ProvisionStepKindUnknown,
                    $"The WinVmProvision step '{raw.Path}' is no script a guest runs. Name it .sh (the guest's shell), .cmd or .bat (cmd.exe) or .ps1 (PowerShell)."));
            }
            else if (testGuest && kind != ProvisionStepKind.Shell)
            {
                _problems.Add(new WinVmException(
                    ErrorCodes.ProvisionStepNotForGuest,
                    $"The WinVmProvision step '{raw.Path}' is a {kind} step, which only Windows runs: the test guest runs .sh steps. Write it as a shell script, or use the windows guest."));
            }
            else if (!testGuest && kind == ProvisionStepKind.PowerShell && !version.HasPowerShell())
            {
                _problems.Add(new WinVmException(
                    ErrorCodes.ProvisionStepNotForGuest,
                    $"The WinVmProvision step '{raw.Path}' is a PowerShell step, and {version.DisplayName()} has no PowerShell of its own (Windows 7 and later have). Write it as a .cmd or .sh step."));
            }

            if (steps.Any(step => string.Equals(step.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                _problems.Add(new WinVmException(
                    ErrorCodes.ProvisionStepNameInvalid,
                    $"Two WinVmProvision steps are named '{name}' (the name is the file's, and names the step's layer and log lines). Rename one of the files."));
                continue;
            }

            if (kind is { } known && inProject is { } relative && ItemFile(raw.Path, "WinVmProvision") is { } host)
            {
                steps.Add(new ProvisionStep(name, host, relative, known, Flag(raw.Network, "Network", raw.Path), Flag(raw.Restart, "Restart", raw.Path)));
            }
        }

        var files = new List<ProvisionFile>();
        foreach (var raw in _raw.ProvisionFiles)
        {
            var step = NullIfEmpty(raw.Step.Trim());
            if (step is not null && !_raw.ProvisionSteps.Any(candidate => string.Equals(Path.GetFileName(candidate.Path), step, StringComparison.OrdinalIgnoreCase)))
            {
                _problems.Add(new WinVmException(
                    ErrorCodes.ProvisionStepNameInvalid,
                    $"The WinVmProvisionFile '{raw.Path}' has Step=\"{step}\", but no WinVmProvision step has that name. Set Step to a step's file name, or leave it out (every step sees the file)."));
            }

            if (InProject(project, raw.Path, "WinVmProvisionFile") is { } relative && ItemFile(raw.Path, "WinVmProvisionFile") is { } host)
            {
                files.Add(new ProvisionFile(host, relative, step));
            }
        }

        return new ProvisionPlan(steps, files);
    }

    /// <summary>The item's path relative to the project, with '/'; null (WVB0512) when it is outside.</summary>
    private string? InProject(string project, string path, string item)
    {
        var relative = Path.GetRelativePath(project, Path.GetFullPath(path, project)).Replace('\\', '/');
        if (!relative.StartsWith("../", StringComparison.Ordinal) && relative != ".." && !Path.IsPathRooted(relative))
        {
            return relative;
        }

        _problems.Add(new WinVmException(
            ErrorCodes.ProvisionFileOutsideProject,
            $"The {item} '{path}' is not inside the project folder '{project}': the guest sees the project's files only, at their paths in it. Move it into the project."));
        return null;
    }

    /// <summary>The full path of an item's file; null (WVB0003) when it does not exist.</summary>
    private string? ItemFile(string path, string item)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        _problems.Add(new WinVmException(ErrorCodes.InputFileMissing, $"The {item} '{path}' does not exist. Fix the path in the item."));
        return null;
    }

    /// <summary>A true/false item metadata value.</summary>
    private bool Flag(string value, string metadata, string item)
    {
        if (value.Trim().Length == 0)
        {
            return false;
        }

        if (Booleans.TryGetValue(value.Trim(), out var flag))
        {
            return flag;
        }

        _problems.Add(new WinVmException(ErrorCodes.SettingNotAllowed, $"The {metadata} metadata of '{item}' is '{value}'. Set it to true or false."));
        return false;
    }

    private IReadOnlyList<SharedFolder> ReadShares()
    {
        var shares = new List<SharedFolder>();
        foreach (var share in _raw.Shares)
        {
            var name = string.IsNullOrWhiteSpace(share.Name) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(share.Path)) : share.Name.Trim();
            if (Checked(() => new SharedFolder(name, share.Path, readOnly: false)) is not { } folder)
            {
                continue;
            }

            if (shares.Any(other => string.Equals(other.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                _problems.Add(new WinVmException(
                    ErrorCodes.DuplicateShareName,
                    $"Two WinVmShare items are shared under the name '{name}' (share names ignore case). Give one of them another Name " +
                    "metadata, e.g. <WinVmShare Include=\"...\" Name=\"tools\" />."));
                continue;
            }

            shares.Add(folder);
        }

        return shares;
    }

    private IReadOnlyList<string> ReadOutputs()
    {
        var outputs = new List<string>();
        foreach (var output in _raw.Outputs)
        {
            if (OutputPath.Normalize(output.Trim()) is { } normalized)
            {
                outputs.Add(normalized);
            }
            else
            {
                _problems.Add(new WinVmException(
                    ErrorCodes.OutputPathOutsideProject,
                    $"WinVmOutput '{output}' is not inside the guest's project folder. Write it as a path relative to the project " +
                    "folder, e.g. <WinVmOutput Include=\"out/report.txt\" />."));
            }
        }

        return outputs;
    }

    private T Choice<T>(string property, IReadOnlyDictionary<string, T> allowed, T defaultValue) => Choice(property, allowed, defaultValue, out _);

    private T Choice<T>(string property, IReadOnlyDictionary<string, T> allowed, T defaultValue, out bool valid)
    {
        var value = _raw[property];
        valid = true;
        if (value.Length == 0)
        {
            return defaultValue;
        }

        if (allowed.TryGetValue(value, out var choice))
        {
            return choice;
        }

        valid = false;
        _problems.Add(new WinVmException(ErrorCodes.SettingNotAllowed, $"{property} is '{value}'. Set it to one of: {string.Join(", ", allowed.Keys)}."));
        return defaultValue;
    }

    private int PositiveNumber(string property, int defaultValue)
    {
        var value = _raw[property];
        if (value.Length == 0)
        {
            return defaultValue;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return number;
        }

        _problems.Add(new WinVmException(ErrorCodes.SettingNotPositiveNumber, $"{property} is '{value}'. Set it to a whole number greater than zero."));
        return defaultValue;
    }

    private string Value(string property, string defaultValue) => _raw[property] is { Length: > 0 } value ? value : defaultValue;

    private string? Required(string property, string whatToSet)
    {
        var value = _raw[property];
        if (value.Length > 0)
        {
            return value;
        }

        _problems.Add(new WinVmException(ErrorCodes.RequiredSettingMissing, $"{property} is not set. Set it to {whatToSet}."));
        return null;
    }

    private string? ExistingFile(string property, string whatToSet) =>
        Required(property, whatToSet) is null ? null : OptionalFile(property, whatToSet);

    /// <summary>The full path of the file <paramref name="property"/> names, null when unset; a missing file is a problem.</summary>
    private string? OptionalFile(string property, string? whatToSet = null)
    {
        var path = _raw[property];
        if (path.Length == 0)
        {
            return null;
        }

        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        _problems.Add(new WinVmException(
            ErrorCodes.InputFileMissing,
            $"{property} names '{path}', which does not exist.{(whatToSet is null ? " Fix the path, or leave the property empty." : $" Set it to {whatToSet}.")}"));
        return null;
    }

    private void Contradiction(string message) => _problems.Add(new WinVmException(ErrorCodes.SettingsContradict, message));

    private void Check(Action check) => Checked(() =>
    {
        check();
        return true;
    });

    /// <summary>The rule's value, or default with its problem recorded: the rule keeps its own code and message.</summary>
    private T? Checked<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (WinVmException problem)
        {
            _problems.Add(problem);
            return default;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>An enum's members by their lower-case names, as properties spell them.</summary>
    private static IReadOnlyDictionary<string, T> Names<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(value => value.ToString().ToLowerInvariant(), value => value, StringComparer.OrdinalIgnoreCase);
}
