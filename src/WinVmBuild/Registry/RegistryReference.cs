using System.Net;
using System.Text.RegularExpressions;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Registry;

/// <summary>
/// Where cache entries are shared: a registry host and a repository in it (<c>ghcr.io/acme/winvm</c>,
/// <c>localhost:5000/winvm</c>), as the Distribution specification's reference grammar names them. Entries are tags of
/// that repository, named by their stage and key; the reference itself carries no tag or digest.
/// </summary>
/// <param name="Host">The registry host, as written (<c>ghcr.io</c>, <c>localhost:5000</c>, <c>[::1]:5000</c>).</param>
/// <param name="Repository">The repository's path in the registry (<c>acme/winvm</c>).</param>
public sealed partial record RegistryReference(string Host, string Repository)
{
    /// <summary>
    /// A registry on this machine (<c>localhost</c>, 127.0.0.0/8, ::1) is spoken to in plain HTTP when it has no TLS,
    /// as Docker does: a test registry or a CI service container. Any other registry needs TLS.
    /// </summary>
    public bool IsLoopback
    {
        get
        {
            var name = HostName.Trim('[', ']');
            return name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
        }
    }

    /// <summary>The host without its port.</summary>
    private string HostName => HostPattern().Match(Host).Groups["name"].Value;

    /// <summary>Reads <paramref name="text"/>; a reference that does not parse is WVB0600, which says why.</summary>
    public static RegistryReference Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? text : text[..slash];
        var repository = slash < 0 ? string.Empty : text[(slash + 1)..];
        if (!HostPattern().IsMatch(host) || !(host.Contains('.') || host.Contains(':') || host == "localhost"))
        {
            throw Invalid(text, "it must start with the registry's host, as in 'ghcr.io/acme/winvm' or 'localhost:5000/winvm'");
        }

        if (repository.Length == 0)
        {
            throw Invalid(text, "it names no repository after the host");
        }

        if (repository.Contains(':') || repository.Contains('@'))
        {
            throw Invalid(text, "it must not have a tag or digest: each cache entry is a tag of its own, named by its stage and key");
        }

        if (!RepositoryPattern().IsMatch(repository) || repository.Length > 255)
        {
            throw Invalid(text, "a repository path is lowercase letters, digits and '.', '_', '-' separated components, joined by '/'");
        }

        return new RegistryReference(host, repository);
    }

    /// <summary>The reference of one cache entry's artifact: the repository, tagged <c>&lt;stage&gt;-&lt;key&gt;</c>.</summary>
    public string Tagged(string tag) => $"{this}:{tag}";

    public override string ToString() => $"{Host}/{Repository}";

    private static WinVmException Invalid(string text, string why) =>
        new(ErrorCodes.RegistryReferenceInvalid, $"WinVmCacheRegistry '{text}' is not a registry repository: {why}.");

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();
}
