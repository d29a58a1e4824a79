namespace WinVmBuild.Vm;

/// <summary>
/// OVMF UEFI firmware: the read-only code image and the template of its variable store, which each machine
/// gets a writable copy of in its work folder.
/// </summary>
public sealed record UefiFirmware(string CodeFile, string VariablesTemplate)
{
    /// <summary>Debian's <c>ovmf</c> package (4 MB images, without Secure Boot keys enrolled).</summary>
    public static UefiFirmware Debian { get; } = new("/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd");
}
