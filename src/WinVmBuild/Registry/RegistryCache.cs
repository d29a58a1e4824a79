using System.Diagnostics;
using System.Text.Json.Nodes;
using WinVmBuild.Cache;
using WinVmBuild.Diagnostics;

namespace WinVmBuild.Registry;

/// <summary>
/// The stage cache's second level (<c>WinVmCacheRegistry</c>): an OCI registry that a fleet of machines shares, so
/// that Windows is installed and snapshotted once and every runner revives the same snapshot. On a local miss the
/// entry is pulled when the registry has it; an entry built here is pushed when <c>WinVmCachePush</c> allows. A
/// registry that cannot be reached is a warning and the stage is built here, unless <c>WinVmCacheRegistryRequired</c>;
/// refused credentials and bytes that do not match their digests are errors.
/// </summary>
public sealed class RegistryCache(RegistrySettings settings) : IEntryRegistry
{
    private readonly Skopeo _skopeo = new(settings.Reference);

    public RegistryReference Registry => settings.Reference;

    /// <summary>Entries built on this machine are pushed (<c>WinVmCachePush</c>).</summary>
    public bool Push => settings.Push;

    /// <summary>A registry that cannot be reached fails the build instead of being a warning (<c>WinVmCacheRegistryRequired</c>).</summary>
    public bool Required => settings.Required;

    /// <summary>The tag of a stage's entry: the stage and its key.</summary>
    public static string Tag(EntryKind kind, string key) => kind.EntryName(key);

    /// <summary>
    /// Restores the entry (<paramref name="kind"/>, <paramref name="key"/>) into the empty <paramref name="folder"/>
    /// when the registry has it; false when it does not, or cannot say. <paramref name="staging"/> holds the download
    /// (an OCI layout): kept when a transfer fails, so that the next try fetches only the layers still missing.
    /// </summary>
    public async Task<bool> TryPullAsync(
        EntryKind kind, string key, EntryFacts facts, string folder, string staging, IBuildLog log, CancellationToken cancellationToken)
    {
        var stage = kind.Name;
        var tag = Tag(kind, key);
        var (reachable, manifest) = await LookUpAsync(tag, log, cancellationToken).ConfigureAwait(false);
        if (!reachable)
        {
            return false;
        }

        if (manifest is null)
        {
            log.Detail($"{stage}: {Registry.Tagged(tag)} is not in the registry");
            await ExplainMissAsync(stage, facts, log, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (EntryArtifact.Foreign(manifest) is { } foreign)
        {
            log.Warning(
                ErrorCodes.RegistryArtifactForeign,
                $"{Registry.Tagged(tag)} is not used: {foreign}. The {stage} stage is built here; a build with WinVmCachePush=true " +
                "replaces the tag with this WinVmBuild's entry.");
            return false;
        }

        var started = Stopwatch.StartNew();
        var layers = manifest["layers"]!.AsArray().Count;
        log.Message($"WinVmBuild: {stage}: pulling {Registry.Tagged(tag)} ({layers} layers, {EntryArtifact.CompressedSize(manifest) >> 20} MB)");
        Directory.CreateDirectory(Path.GetDirectoryName(staging)!);
        try
        {
            await _skopeo.PullAsync(tag, staging, digest => Progress(stage, manifest, digest, log), cancellationToken).ConfigureAwait(false);
        }
        catch (WinVmException e) when (e.Code == ErrorCodes.RegistryUnreachable && !Required)
        {
            log.Warning(e.Code, $"{e.Message}\nThe {stage} stage is built here; the next build resumes the download where it stopped.");
            return false;
        }
        catch (WinVmException e) when (e.Code == ErrorCodes.RegistryArtifactDamaged)
        {
            Delete(staging);
            throw;
        }

        try
        {
            await EntryArtifact.UnpackAsync(staging, tag, folder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Delete(staging);
        }

        log.Message($"WinVmBuild: {stage}: pulled from {Registry} in {started.Elapsed:m\\:ss}");
        return true;
    }

    /// <summary>
    /// Pushes the published <paramref name="entry"/> unless the registry has it already; <paramref name="staging"/> holds
    /// the compressed layers meanwhile. A push that fails is a warning: the entry stays in the local cache, and the
    /// next build pushes it again.
    /// </summary>
    public async Task PushAsync(
        EntryKind kind, string key, string entry, EntryFacts facts, string staging, IBuildLog log, CancellationToken cancellationToken)
    {
        if (!Push)
        {
            return;
        }

        var stage = kind.Name;
        var tag = Tag(kind, key);
        if (facts.NotPortable is { } why)
        {
            log.Warning(ErrorCodes.SnapshotNotPortable, $"{Registry.Tagged(tag)} is not pushed: {why}.");
            return;
        }

        var (reachable, existing) = await LookUpAsync(tag, log, cancellationToken).ConfigureAwait(false);
        if (!reachable)
        {
            return;
        }

        if (existing is not null && EntryArtifact.Foreign(existing) is null)
        {
            log.Detail($"{stage}: {Registry.Tagged(tag)} is in the registry already");
            return;
        }

        var started = Stopwatch.StartNew();
        log.Message($"WinVmBuild: {stage}: pushing {Registry.Tagged(tag)}");
        try
        {
            var annotations = new Dictionary<string, string>(facts.Annotations) { ["stage"] = stage, ["key"] = key };
            var manifest = await EntryArtifact.PackAsync(entry, staging, tag, annotations, cancellationToken).ConfigureAwait(false);
            await _skopeo.PushAsync(staging, tag, digest => Progress(stage, manifest, digest, log), cancellationToken).ConfigureAwait(false);
            log.Message($"WinVmBuild: {stage}: pushed {EntryArtifact.CompressedSize(manifest) >> 20} MB to {Registry} in {started.Elapsed:m\\:ss}");
        }
        catch (WinVmException e) when (e.Code == ErrorCodes.RegistryUnreachable && !Required)
        {
            log.Warning(ErrorCodes.RegistryPushFailed, $"{e.Message}\nThe entry stays in the local cache; the next build pushes it again.");
        }
        finally
        {
            Delete(staging);
        }
    }

    /// <summary>
    /// Warns (WVB0604) when the registry has an entry of <paramref name="stage"/> made from the same thing as this one
    /// (a snapshot of the same install) that differs in what it must match here, naming each difference.
    /// </summary>
    private async Task ExplainMissAsync(string stage, EntryFacts facts, IBuildLog log, CancellationToken cancellationToken)
    {
        const int MostInspected = 20;
        if (facts.Lineage is not { } lineage || !facts.Annotations.TryGetValue(lineage, out var origin))
        {
            return;
        }

        try
        {
            var tags = await _skopeo.TagsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var tag in tags.Where(tag => tag.StartsWith(stage + "-", StringComparison.Ordinal)).Take(MostInspected))
            {
                if (await _skopeo.ManifestAsync(tag, cancellationToken).ConfigureAwait(false) is not { } raw
                    || JsonNode.Parse(raw)?["annotations"] is not JsonObject annotations
                    || (string?)annotations[EntryArtifact.Prefix + lineage] != origin)
                {
                    continue;
                }

                var differences = facts.MustMatch
                    .Select(name => (Name: name, Theirs: (string?)annotations[EntryArtifact.Prefix + name], Ours: facts.Annotations.GetValueOrDefault(name)))
                    .Where(fact => fact.Theirs != fact.Ours)
                    .Select(fact => $"{fact.Name} {fact.Theirs ?? "unknown"} (here {fact.Ours ?? "unknown"})")
                    .ToList();
                if (differences.Count > 0)
                {
                    log.Warning(
                        ErrorCodes.RegistrySnapshotIncompatible,
                        $"{Registry.Tagged(tag)} was made from the same {lineage} on another kind of machine: {string.Join(", ", differences)}. " +
                        $"It cannot be used here; the {stage} stage is built here. Use the same QEMU version, WinVmCpuModel and WinVmMemory " +
                        "on every runner, or push from a machine like this one.");
                    return;
                }
            }
        }
        catch (WinVmException e) when (e.Code == ErrorCodes.RegistryUnreachable)
        {
            log.Detail($"{stage}: could not look for a similar entry in {Registry}: {e.Message}");
        }
    }

    /// <summary>
    /// The manifest tagged <paramref name="tag"/>, null when there is none; or, with a warning, that the registry
    /// cannot be reached (then nothing more is asked of it for this entry).
    /// </summary>
    private async Task<(bool Reachable, JsonObject? Manifest)> LookUpAsync(string tag, IBuildLog log, CancellationToken cancellationToken)
    {
        try
        {
            var raw = await _skopeo.ManifestAsync(tag, cancellationToken).ConfigureAwait(false);
            return (true, raw is null ? null : JsonNode.Parse(raw) as JsonObject);
        }
        catch (WinVmException e) when (e.Code == ErrorCodes.RegistryUnreachable && !Required)
        {
            log.Warning(e.Code, $"{e.Message}\nThe cache registry is not used for this entry (WinVmCacheRegistryRequired=true makes this an error).");
            return (false, null);
        }
    }

    private static void Delete(string staging)
    {
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void Progress(string stage, JsonObject manifest, string digest, IBuildLog log)
    {
        if (EntryArtifact.Describe(manifest, digest) is { } layer)
        {
            log.Message($"WinVmBuild: {stage}: layer {layer}");
        }
    }
}
