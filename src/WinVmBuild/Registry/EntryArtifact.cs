using System.Globalization;
using System.Text.Json.Nodes;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;
using WinVmBuild.Host;

namespace WinVmBuild.Registry;

/// <summary>
/// A cache entry as an OCI artifact. Its layers are the entry's files (its manifest with every file's sha256 among
/// them), each cut into parts compressed with zstd to at most 1 GiB: some registry back ends fail on layers over
/// 10 GB, and a failed transfer resumes part by part. An empty config, an <c>artifactType</c> of its own, and
/// annotations that say what made it (the WinVmBuild version, the stage, and what the stage reports: QEMU version,
/// machine type, CPU model, memory, Windows version). A pulled entry comes back with sparse files, every file
/// checked against the sha256 its manifest records.
/// </summary>
internal static class EntryArtifact
{
    public const string ArtifactType = "application/vnd.winvmbuild.cache-entry.v1";
    public const string PartMediaType = "application/vnd.winvmbuild.file-part.v1+zstd";
    public const string Prefix = "io.winvmbuild.";
    public const string VersionAnnotation = Prefix + "version";

    private const string EmptyMediaType = "application/vnd.oci.empty.v1+json";
    private const string Title = "org.opencontainers.image.title";
    private const string Offset = Prefix + "file.offset";
    private const string FileSize = Prefix + "file.size";

    /// <summary>
    /// Raw bytes per part: a GiB less a MiB, so that a part that does not compress at all stays within 1 GiB with
    /// zstd's few bytes of framing.
    /// </summary>
    public const long DefaultPartSize = (1L << 30) - (1L << 20);

    /// <summary>The version of WinVmBuild that writes artifacts; a reader takes only its own major version's.</summary>
    public static string Version { get; } =
        typeof(EntryArtifact).Assembly.GetName().Version is { } version ? $"{version.Major}.{version.Minor}.{version.Build}" : "0.0.0";

    /// <summary>Writes <paramref name="entry"/>'s files into a new layout at <paramref name="layout"/>, tagged <paramref name="tag"/>; returns its manifest.</summary>
    /// <param name="partSize">Raw bytes per layer at most.</param>
    public static async Task<JsonObject> PackAsync(
        string entry, string layout, string tag, IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken,
        long partSize = DefaultPartSize)
    {
        var oci = OciLayout.Create(layout);
        var layers = new JsonArray();
        foreach (var file in Directory.EnumerateFiles(entry).Order(StringComparer.Ordinal))
        {
            var size = new FileInfo(file).Length;
            var offset = 0L;
            do
            {
                var part = new FileRange(file, offset, Math.Min(partSize, size - offset));
                var layer = await oci.AddBlobAsync(PartMediaType, blob => Zstd.CompressAsync(part, blob, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                layer["annotations"] = new JsonObject
                {
                    [Title] = Path.GetFileName(file),
                    [Offset] = Invariant(offset),
                    [FileSize] = Invariant(size),
                };
                layers.Add(layer);
                offset += part.Length;
            }
            while (offset < size);
        }

        var manifestAnnotations = new JsonObject { [VersionAnnotation] = Version };
        foreach (var (name, value) in annotations.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            manifestAnnotations[Prefix + name] = value;
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciLayout.ManifestMediaType,
            ["artifactType"] = ArtifactType,
            ["config"] = await oci.AddBlobAsync(EmptyMediaType, "{}"u8.ToArray(), cancellationToken).ConfigureAwait(false),
            ["layers"] = layers,
            ["annotations"] = manifestAnnotations,
        };
        await oci.TagAsync(manifest, tag, cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>Null when <paramref name="manifest"/> is an artifact this WinVmBuild reads; else why it is not.</summary>
    public static string? Foreign(JsonObject manifest)
    {
        if ((string?)manifest["artifactType"] != ArtifactType)
        {
            return $"it is not a WinVmBuild cache entry (artifactType '{(string?)manifest["artifactType"] ?? "none"}')";
        }

        var version = (string?)manifest["annotations"]?[VersionAnnotation] ?? "unknown";
        return version.Split('.')[0] == Version.Split('.')[0]
            ? null
            : $"it was written by WinVmBuild {version}, whose cache entries this WinVmBuild {Version} does not read";
    }

    /// <summary>How many bytes the artifact's layers are, compressed.</summary>
    public static long CompressedSize(JsonObject manifest) =>
        manifest["layers"]!.AsArray().Sum(layer => (long)layer!["size"]!);

    /// <summary>
    /// Which file part the layer with <paramref name="digest"/> is, for a progress message; null for a layer too small
    /// to be worth one.
    /// </summary>
    public static string? Describe(JsonObject manifest, string digest)
    {
        const long WorthAMessage = 16L << 20;
        var layers = manifest["layers"]!.AsArray();
        var layer = layers.FirstOrDefault(layer => (string?)layer!["digest"] == digest);
        if (layer is null || (long)layer["size"]! < WorthAMessage)
        {
            return null;
        }

        var name = (string?)layer["annotations"]?[Title];
        var parts = layers.Where(other => (string?)other!["annotations"]?[Title] == name).ToList();
        var part = parts.Count == 1 ? string.Empty : $" part {parts.IndexOf(layer) + 1}/{parts.Count}";
        return $"{name}{part} ({(long)layer["size"]! >> 20} MB)";
    }

    /// <summary>
    /// Restores the files of the artifact tagged <paramref name="tag"/> in <paramref name="layout"/> into the empty
    /// <paramref name="folder"/>, sparse and owner-only, and writes this machine's manifest for them. Throws WVB0605
    /// when what comes out is not what the artifact's own manifest records.
    /// </summary>
    public static async Task UnpackAsync(string layout, string tag, string folder, CancellationToken cancellationToken)
    {
        var oci = new OciLayout(layout);
        var manifest = await oci.ManifestAsync(tag, cancellationToken).ConfigureAwait(false);
        var parts = manifest["layers"]!.AsArray().Select(layer => new Part(
            (string?)layer!["annotations"]?[Title] ?? string.Empty,
            long.Parse((string?)layer["annotations"]?[Offset] ?? "-1", CultureInfo.InvariantCulture),
            long.Parse((string?)layer["annotations"]?[FileSize] ?? "-1", CultureInfo.InvariantCulture),
            oci.BlobPath((string)layer["digest"]!)));
        foreach (var file in parts.GroupBy(part => part.Name))
        {
            if (file.Key.Length == 0 || Path.GetFileName(file.Key) != file.Key || file.Key is "." or "..")
            {
                throw Damaged(tag, $"a layer names the file '{file.Key}', which is not a plain file name");
            }

            var path = Path.Combine(folder, file.Key);
            await Zstd.DecompressAsync(file.OrderBy(part => part.Offset).Select(part => part.Blob).ToList(), path, cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(path, PrivateFile.Mode);
            if (new FileInfo(path).Length != file.First().Size)
            {
                throw Damaged(tag, $"'{file.Key}' came out with {new FileInfo(path).Length} bytes instead of {file.First().Size}");
            }
        }

        // The artifact's manifest records each file's sha256 on the machine that pushed it; this machine's is made
        // from the bytes that came out, and the two must name the same files and digests.
        if (!File.Exists(Path.Combine(folder, CacheManifest.FileName)))
        {
            throw Damaged(tag, $"it has no {CacheManifest.FileName} listing its files");
        }

        var pushed = await StageCache.ContentDigestAsync(folder, cancellationToken).ConfigureAwait(false);
        await CacheManifest.WriteAsync(folder, cancellationToken).ConfigureAwait(false);
        if (await StageCache.ContentDigestAsync(folder, cancellationToken).ConfigureAwait(false) != pushed)
        {
            throw Damaged(tag, "its files are not those its manifest lists with their sha256");
        }
    }

    private static WinVmException Damaged(string tag, string why) =>
        new(ErrorCodes.RegistryArtifactDamaged, $"The artifact '{tag}' was refused, and nothing was published: {why}. Delete the tag from the registry " +
            "(a build with WinVmCachePush=true pushes it again).");

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Part(string Name, long Offset, long Size, string Blob);
}
