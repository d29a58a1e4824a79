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
    public static ArchiveHash? TryParse(ReadOnlySpan<char> text)
    {
        switch (text.Length)
        {
            case 32 when !text.ContainsAnyExcept(HexDigits):
                return new ArchiveHash(HashKind.Md5, LowerHex(text));
            case 128 when !text.ContainsAnyExcept(HexDigits):
                return new ArchiveHash(HashKind.Sha512, LowerHex(text));
            case 86 when !text.ContainsAnyExcept(Base64UrlDigits):
                Span<char> base64 = stackalloc char[88];
                for (var i = 0; i < text.Length; i++)
                {
                    base64[i] = text[i] switch { '-' => '+', '_' => '/', var c => c };
                }

                base64[86] = base64[87] = '=';
                return new ArchiveHash(HashKind.Sha512, Convert.ToHexString(Convert.FromBase64String(base64.ToString())).ToLowerInvariant());
            default:
                return null;
        }
    }

    /// <summary>A hasher of this kind, to verify a download while it streams.</summary>
    public IncrementalHash CreateHasher() =>
        IncrementalHash.CreateHash(Kind == HashKind.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.MD5);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Hex}";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly SearchValues<char> Base64UrlDigits =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The text in lowercase, allocating once (setup.ini's hex is lowercase already).</summary>
    private static string LowerHex(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('A', 'F') ? text.ToString().ToLowerInvariant() : text.ToString();
}
