using System.Buffers;
using System.Security.Cryptography;

namespace WinVmBuild.Cygwin;

/// <summary>An archive's digest, always as lowercase hex whatever form setup.ini used.</summary>
public sealed record ArchiveHash(HashKind Kind, string Hex)
{
    /// <summary>
    /// Reads the three forms setup.ini uses: 32 hex digits (MD5), 128 hex digits (SHA-512) and 86 base64url
    /// characters (SHA-512). Returns null for anything else.
    /// </summary>
    public static ArchiveHash? TryParse(ReadOnlySpan<char> text) => KindOf(text) switch
    {
        null => null,
        var kind => new ArchiveHash(kind.Value, text.Length == Base64UrlLength ? HexFromBase64Url(text) : LowerHex(text)),
    };

    /// <summary>True when <see cref="TryParse"/> would accept <paramref name="text"/>; allocates nothing.</summary>
    internal static bool IsWellFormed(ReadOnlySpan<char> text) => KindOf(text) is not null;

    /// <summary>A hasher of this kind, to verify a download while it streams.</summary>
    public IncrementalHash CreateHasher() =>
        IncrementalHash.CreateHash(Kind == HashKind.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.MD5);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Hex}";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly SearchValues<char> Base64UrlDigits =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private const int Base64UrlLength = 86;

    private static HashKind? KindOf(ReadOnlySpan<char> text) => text.Length switch
    {
        32 when !text.ContainsAnyExcept(HexDigits) => HashKind.Md5,
        128 when !text.ContainsAnyExcept(HexDigits) => HashKind.Sha512,
        Base64UrlLength when !text.ContainsAnyExcept(Base64UrlDigits) => HashKind.Sha512,
        _ => null,
    };

    private static string HexFromBase64Url(ReadOnlySpan<char> text)
    {
        Span<char> base64 = stackalloc char[Base64UrlLength + 2];
        for (var i = 0; i < text.Length; i++)
        {
            base64[i] = text[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        base64[^2] = base64[^1] = '=';
        return Convert.ToHexString(Convert.FromBase64String(base64.ToString())).ToLowerInvariant();
    }

    /// <summary>The text in lowercase, allocating once (setup.ini's hex is lowercase already).</summary>
    private static string LowerHex(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('A', 'F') ? text.ToString().ToLowerInvariant() : text.ToString();
}
