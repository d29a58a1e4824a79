using System.Security.Cryptography;

namespace WinVmBuild.Host;

/// <summary>
/// Generates passwords from the system's cryptographic random source that meet Windows' complexity rules (upper,
/// lower, digit and symbol) and can be placed unquoted-safe in XML, in a winnt.sif quoted value, on a cmd.exe line and
/// inside a single-quoted shell string: the symbols are limited to <see cref="Symbols"/>.
/// </summary>
public static class PasswordGenerator
{
    /// <summary>The default length: well above Windows' minimum, about 115 bits of entropy.</summary>
    public const int DefaultLength = 20;

    /// <summary>The shortest password it makes: Windows' policies (and WinVmBuild's check of a given one) ask for 8.</summary>
    public const int MinimumLength = 8;

    // Letters and digits that cannot be confused when a person reads one off a screen (no I, l, O, 0, 1).
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>Symbols with no meaning in XML, winnt.sif, cmd.exe, a shell's single quotes or a key=value file.</summary>
    public const string Symbols = "-_.+@";

    public static string Generate(int length = DefaultLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        var classes = new[] { Upper, Lower, Digits, Symbols };
        var all = string.Concat(classes);
        // One character from each class guarantees complexity; the rest are drawn from all of them, then shuffled
        // so the classes' positions are not predictable.
        var characters = classes.Select(Pick)
            .Concat(Enumerable.Range(0, length - classes.Length).Select(_ => Pick(all)))
            .ToArray();
        RandomNumberGenerator.Shuffle(characters.AsSpan());
        return new string(characters);
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
