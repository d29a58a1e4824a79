using System.Globalization;
using System.Text.RegularExpressions;

namespace WinVmBuild.Cache;

/// <summary>
/// A size as a person writes and reads it: a number with an optional unit, B, KB, MB, GB or TB, each 1024 times the one
/// before (as <c>du -h</c> and <c>qemu-img</c> count; a "GB" here is a GiB), in any case, with or without a space.
/// </summary>
public static partial class ByteSize
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>The bytes <paramref name="text"/> says (<c>100GB</c>, <c>500 MB</c>, <c>1.5TB</c>, <c>4096</c>), or null when it is no size.</summary>
    public static long? Parse(string text)
    {
        var match = Written().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var unit = match.Groups["unit"].Value;
        var power = unit.Length == 0 ? 0 : Array.FindIndex(Units, known => known.Equals(unit, StringComparison.OrdinalIgnoreCase));
        var multiplier = (decimal)(1L << (10 * power));
        return number <= long.MaxValue / multiplier ? (long)(number * multiplier) : null;
    }

    /// <summary><paramref name="bytes"/> in the largest unit that keeps a whole number before the point: <c>1.5 GB</c>, <c>512 MB</c>, <c>100 B</c>.</summary>
    public static string Format(long bytes)
    {
        var power = 0;
        var value = (double)bytes;
        while (value >= 1024 && power < Units.Length - 1)
        {
            value /= 1024;
            power++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {Units[power]}");
    }

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)\s*(?<unit>B|KB|MB|GB|TB)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Written();
}
