namespace WinVmBuild.Settings;

/// <summary>
/// A project's settings as MSBuild evaluated them: every <c>WinVm*</c> property by name (empty when unset), and the
/// items. <see cref="SettingsReader"/> turns them into <see cref="WinVmSettings"/>.
/// </summary>
public sealed record RawSettings(IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>WinVmShare items: host folders, each with the name the guest sees it by (null: the folder's own name).</summary>
    public IReadOnlyList<RawShare> Shares { get; init; } = [];

    /// <summary>WinVmOutput items, as written.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>CygwinPackage items: package names.</summary>
    public IReadOnlyList<string> CygwinPackages { get; init; } = [];

    /// <summary>WinVmProvision items, in order.</summary>
    public IReadOnlyList<RawProvisionStep> ProvisionSteps { get; init; } = [];

    /// <summary>WinVmProvisionFile items, their wildcards expanded by MSBuild.</summary>
    public IReadOnlyList<RawProvisionFile> ProvisionFiles { get; init; } = [];

    /// <summary>The property's value, trimmed; empty when it is not set.</summary>
    public string this[string property] => Properties.TryGetValue(property, out var value) ? value?.Trim() ?? string.Empty : string.Empty;

    /// <summary>Keeps the product key out of anything that formats these settings.</summary>
    public override string ToString() => $"{nameof(RawSettings)} {{ {Properties.Count} properties }}";
}

/// <summary>One WinVmShare item.</summary>
public sealed record RawShare(string Path, string? Name = null);

/// <summary>One WinVmProvision item, with its Network and Restart metadata as written.</summary>
public sealed record RawProvisionStep(string Path, string Network = "", string Restart = "");

/// <summary>One WinVmProvisionFile item, with its Step metadata as written.</summary>
public sealed record RawProvisionFile(string Path, string Step = "");
