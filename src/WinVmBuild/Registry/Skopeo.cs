using WinVmBuild.Diagnostics;
using WinVmBuild.Host;
using WinVmBuild.Reaper;

namespace WinVmBuild.Registry;

/// <summary>
/// The registry client: skopeo (containers/image), which copies any OCI artifact between a registry and an OCI image
/// layout folder, verifying every blob's digest. It speaks the Distribution protocol as registries expect (token auth
/// from <c>WWW-Authenticate</c>, Basic, cross-repository mounts, chunked uploads, blobs the other side already has
/// skipped, so a failed transfer resumes layer by layer), and finds credentials where container tools keep them:
/// <c>$REGISTRY_AUTH_FILE</c>, <c>$XDG_RUNTIME_DIR/containers/auth.json</c>, <c>~/.docker/config.json</c>, with their
/// <c>credHelpers</c> and <c>credsStore</c> programs. No credential ever passes through an argument or a log. A copy,
/// which can take as long as its gigabytes, runs in a registered session (<see cref="SessionRegistry"/>): a build
/// killed meanwhile leaves no skopeo behind.
/// </summary>
internal sealed class Skopeo(RegistryReference registry)
{
    private const string Program = "skopeo";

    // Asking whether a tag exists is quick or the registry is down; a copy takes as long as its gigabytes.
    private static readonly string[] QueryTimeout = ["--command-timeout", "60s"];

    /// <summary>The raw manifest tagged <paramref name="tag"/>, or null when the registry has no such tag.</summary>
    public async Task<string?> ManifestAsync(string tag, CancellationToken cancellationToken)
    {
        var result = await RunAsync([.. QueryTimeout, "inspect", "--raw", .. Tls("--tls-verify"), "docker://" + registry.Tagged(tag)], null, cancellationToken)
            .ConfigureAwait(false);
        if (result.Succeeded)
        {
            return result.StandardOutput;
        }

        return IsMissing(result) ? null : throw Failure("reading", tag, result);
    }

    /// <summary>Every tag of the repository; none when it does not exist yet.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync([.. QueryTimeout, "list-tags", .. Tls("--tls-verify"), "docker://" + registry], null, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return IsMissing(result) ? [] : throw Failure("listing the tags of", null, result);
        }

        using var document = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.GetProperty("Tags").EnumerateArray().Select(tag => tag.GetString()!).ToList();
    }

    /// <summary>Copies the artifact tagged <paramref name="tag"/> in the OCI layout <paramref name="layout"/> to the registry.</summary>
    /// <param name="onBlob">Called with each blob's digest as its copy starts.</param>
    public async Task PushAsync(string layout, string tag, Action<string> onBlob, CancellationToken cancellationToken)
    {
        var result = await CopyAsync(
            [.. Tls("--dest-tls-verify"), $"oci:{layout}:{tag}", "docker://" + registry.Tagged(tag)], onBlob, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure("pushing", tag, result);
        }
    }

    /// <summary>Copies the artifact tagged <paramref name="tag"/> from the registry into the OCI layout <paramref name="layout"/>.</summary>
    /// <param name="onBlob">Called with each blob's digest as its copy starts.</param>
    public async Task PullAsync(string tag, string layout, Action<string> onBlob, CancellationToken cancellationToken)
    {
        var result = await CopyAsync(
            [.. Tls("--src-tls-verify"), "docker://" + registry.Tagged(tag), $"oci:{layout}:{tag}"], onBlob, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure("pulling", tag, result);
        }
    }

    /// <summary>A loopback registry may be plain HTTP; every other one is verified TLS (or as registries.conf says).</summary>
    private string[] Tls(string option) => registry.IsLoopback ? [$"{option}=false"] : [];

    /// <summary>
    /// <c>skopeo copy</c>, as the work of a session of its own: the session's watcher stops it if the build dies.
    /// </summary>
    private static async Task<ProcessResult> CopyAsync(IReadOnlyList<string> locations, Action<string> onBlob, CancellationToken cancellationToken)
    {
        var session = SessionRegistry.ForCurrentUser().Register("registry");
        await using (session.ConfigureAwait(false))
        {
            return await RunAsync(["copy", "--retry-times", "3", .. locations], onBlob, cancellationToken, session.Folder).ConfigureAwait(false);
        }
    }

    private static Task<ProcessResult> RunAsync(
        IReadOnlyList<string> arguments, Action<string>? onBlob, CancellationToken cancellationToken, string? session = null)
    {
        const string CopyingBlob = "Copying blob ";
        return ProcessRunner.RunAsync(
            new ProcessSpec(Program, arguments)
            {
                DebianPackage = "skopeo",
                Session = session,
                OnOutputLine = line =>
                {
                    if (onBlob is not null && line.StartsWith(CopyingBlob, StringComparison.Ordinal))
                    {
                        onBlob(line[CopyingBlob.Length..].Split(' ')[0]);
                    }
                },
            },
            cancellationToken);
    }

    private static bool IsMissing(ProcessResult result) =>
        Contains(result.StandardError, "manifest unknown", "name unknown", "not found: manifest");

    /// <summary>What went wrong, with the one code a caller decides on: refused credentials, bad bytes, or an unreachable registry.</summary>
    private WinVmException Failure(string doing, string? tag, ProcessResult result)
    {
        var error = result.StandardError;
        var what = tag is null ? registry.ToString() : registry.Tagged(tag);
        var detail = result.Tail();
        if (error.Contains("docker-credential-", StringComparison.Ordinal) || error.Contains("credential helper", StringComparison.OrdinalIgnoreCase))
        {
            return new WinVmException(
                ErrorCodes.RegistryCredentialHelperFailed,
                $"The credential helper your container credentials name for {registry.Host} failed while {doing} '{what}':\n{detail}\n" +
                "Install the docker-credential-* program it names, or log in to the registry so that the credentials are stored in the file itself.");
        }

        if (Contains(error, "unauthorized", "authentication required", "denied", "invalid username/password"))
        {
            return new WinVmException(
                ErrorCodes.RegistryAuthenticationFailed,
                $"The registry {registry.Host} refused the credentials while {doing} '{what}':\n{detail}\n" +
                $"Log in to {registry.Host} (docker login, podman login or skopeo login), or point REGISTRY_AUTH_FILE at the credentials " +
                "of an account that may read (and, with WinVmCachePush, write) the repository.");
        }

        if (Contains(error, "digest did not match", "digest mismatch", "does not match digest", "blob size mismatch", "size mismatch"))
        {
            return new WinVmException(
                ErrorCodes.RegistryArtifactDamaged,
                $"The registry {registry.Host} served bytes that are not those the artifact's digests name while {doing} '{what}': refused, " +
                $"nothing was published.\n{detail}\nDelete the tag from the registry (a build with WinVmCachePush=true pushes it again).");
        }

        return new WinVmException(ErrorCodes.RegistryUnreachable, $"The registry {registry.Host} failed while {doing} '{what}':\n{detail}");
    }

    private static bool Contains(string text, params string[] needles) =>
        needles.Any(needle => text.Contains(needle, StringComparison.OrdinalIgnoreCase));
}
