using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Registry;

/// <summary>
/// An OCI image layout folder (image-spec <c>image-layout.md</c>): <c>oci-layout</c>, content-addressed
/// <c>blobs/sha256/</c> and <c>index.json</c>, which names the one manifest it holds by tag. What skopeo copies to and
/// from a registry.
/// </summary>
internal sealed class OciLayout(string folder)
{
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    private const string RefName = "org.opencontainers.image.ref.name";

    public string Folder { get; } = folder;

    private string Index => Path.Combine(Folder, "index.json");

    public string BlobPath(string digest) => Path.Combine(Folder, "blobs", "sha256", digest["sha256:".Length..]);

    /// <summary>An empty layout, anything there before deleted.</summary>
    public static OciLayout Create(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(folder, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(folder, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        return new OciLayout(folder);
    }

    /// <summary>A new blob: <paramref name="write"/> fills a temporary file, which is then named by its digest.</summary>
    public async Task<JsonObject> AddBlobAsync(string mediaType, Func<string, Task> write, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Folder, "blobs", $".{Guid.NewGuid():N}.tmp");
        try
        {
            await write(temporary).ConfigureAwait(false);
            string digest;
            await using (var stream = File.OpenRead(temporary))
            {
                digest = "sha256:" + Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
            }

            var size = new FileInfo(temporary).Length;
            File.Move(temporary, BlobPath(digest), overwrite: true);
            return new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = size };
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<JsonObject> AddBlobAsync(string mediaType, byte[] content, CancellationToken cancellationToken) =>
        AddBlobAsync(mediaType, temporary => File.WriteAllBytesAsync(temporary, content, cancellationToken), cancellationToken);

    /// <summary>Stores <paramref name="manifest"/> and names it <paramref name="tag"/> in the index, completing the layout.</summary>
    public async Task TagAsync(JsonObject manifest, string tag, CancellationToken cancellationToken)
    {
        var descriptor = await AddBlobAsync(ManifestMediaType, Encoding.UTF8.GetBytes(manifest.ToJsonString()), cancellationToken).ConfigureAwait(false);
        descriptor["annotations"] = new JsonObject { [RefName] = tag };
        var index = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(descriptor) };
        await File.WriteAllTextAsync(Index, index.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The manifest the index names <paramref name="tag"/>.</summary>
    public async Task<JsonObject> ManifestAsync(string tag, CancellationToken cancellationToken)
    {
        var index = JsonNode.Parse(await File.ReadAllTextAsync(Index, cancellationToken).ConfigureAwait(false))!;
        var descriptor = index["manifests"]!.AsArray().FirstOrDefault(entry => (string?)entry!["annotations"]?[RefName] == tag)
            ?? throw new WinVmException(ErrorCodes.RegistryArtifactDamaged, $"The copy of '{tag}' in '{Folder}' names no manifest for it.");
        return JsonNode.Parse(await File.ReadAllTextAsync(BlobPath((string)descriptor["digest"]!), cancellationToken).ConfigureAwait(false))!.AsObject();
    }
}
