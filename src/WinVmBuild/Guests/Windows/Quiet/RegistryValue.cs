namespace WinVmBuild.Guests.Windows.Quiet;

/// <summary>A registry value a quiet step writes with <c>reg add</c> (a policy, most often).</summary>
/// <param name="Key">The full key, <c>HKLM\…</c>; reg add creates it when it is missing.</param>
/// <param name="Type"><c>REG_DWORD</c> or <c>REG_SZ</c>, as reg add names them.</param>
public sealed record RegistryValue(string Key, string Name, string Type, string Data)
{
    public static RegistryValue Dword(string key, string name, int data) =>
        new(key, name, "REG_DWORD", data.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static RegistryValue Text(string key, string name, string data) => new(key, name, "REG_SZ", data);
}
