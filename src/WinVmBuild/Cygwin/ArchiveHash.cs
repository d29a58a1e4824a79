using System.Security.Cryptography;

namespace WinVmBuild.Cygwin;

/// <summary>An archive's digest, always as lowercase hex whatever form setup.ini used.</summary>
public sealed record ArchiveHash(HashKind Kind, string Hex)
{
    /// <summary>
    /// Reads the three forms setup.ini uses: 32 hex digits (MD5), 128 hex digits (SHA-512) and 86 base64url
    /// characters (SHA-512). Returns null for anything else.
    /// </summary>
    public static ArchiveHash? TryParse(string text)
    {
        switch (text.Length)
        {
            case 32 when IsHex(text):
                return new ArchiveHash(HashKind.Md5, text.ToLowerInvariant());
            case 128 when IsHex(text):
                return new ArchiveHash(HashKind.Sha512, text.ToLowerInvariant());
            case 86:
                var bytes = FromBase64Url(text);
                return bytes is null ? null : new ArchiveHash(HashKind.Sha512, Convert.ToHexString(bytes).ToLowerInvariant());
            default:
                return null;
        }
    }

    /// <summary>A hasher of this kind, to verify a download while it streams.</summary>
    public IncrementalHash CreateHasher() =>
        IncrementalHash.CreateHash(Kind == HashKind.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.MD5);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Hex}";

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);

    private static byte[]? FromBase64Url(string text)
    {
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/') + "==";
        return Convert.FromBase64String(base64);
    }
}
