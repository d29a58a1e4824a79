using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Guests.Windows;

/// <summary>Checks a product key's shape (five groups of five) without ever repeating the key in a message.</summary>
public static partial class ProductKey
{
    /// <summary>The key in upper case, or null when none was given (<see cref="SetupProductKey"/> decides whether setup needs one).</summary>
    public static string? Normalize(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var trimmed = key.Trim().ToUpperInvariant();
        return Shape().IsMatch(trimmed)
            ? trimmed
            : throw new WinVmException(
                ErrorCodes.ProductKeyMalformed,
                "WinVmProductKey (or the file WinVmProductKeyFile names) is not five groups of five letters or digits separated by dashes (XXXXX-XXXXX-XXXXX-XXXXX-XXXXX). Leave it empty for evaluation media and editions Microsoft publishes a generic key for.");
    }

    [GeneratedRegex("^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$")]
    private static partial Regex Shape();
}
