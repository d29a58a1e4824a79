using WinVmBuild.Diagnostics;

namespace WinVmBuild.Media;

/// <summary>Reads a property whose value names one member of an enum ("uefi", "cd"), case-insensitively.</summary>
public static class EnumOption
{
    public static T Parse<T>(string? value, string propertyName, string errorCode)
        where T : struct, Enum
    {
        // Enum.TryParse would also accept numbers ("1"); only the names are part of the contract.
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<T>(name)
            : throw new WinVmException(
                errorCode,
                $"{propertyName} '{value}' is not known. Use one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
    }
}
