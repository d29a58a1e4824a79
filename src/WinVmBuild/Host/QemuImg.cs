using System.Text.Json;

namespace WinVmBuild.Host;

/// <summary>What <c>qemu-img info</c> says about an image.</summary>
public sealed record QemuImageInfo(string Format, long VirtualSize, string? BackingFile);

/// <summary>qcow2 disk images through <c>qemu-img</c>: the only place the engine creates or inspects one.</summary>
public static class QemuImg
{
    private const string Program = "qemu-img";
    private const string Package = "qemu-utils";

    /// <summary>Creates an empty, sparse qcow2 disk of <paramref name="sizeGigabytes"/> GiB at <paramref name="path"/> (atomically).</summary>
    public static Task CreateAsync(string path, int sizeGigabytes, CancellationToken cancellationToken) =>
        AtomicPublish.FileAsync(path, temporary => Run(["create", "-q", "-f", "qcow2", temporary, $"{sizeGigabytes}G"], cancellationToken));

    /// <summary>
    /// Creates a qcow2 overlay that reads from <paramref name="backingPath"/> and writes only to itself. The
    /// overlay records its backing file RELATIVE to its own folder, so a cache entry holding both still works
    /// after its folder is published by renaming.
    /// </summary>
    public static Task CreateOverlayAsync(string overlayPath, string backingPath, CancellationToken cancellationToken)
    {
        var overlayFolder = Path.GetDirectoryName(Path.GetFullPath(overlayPath))!;
        var relativeBacking = Path.GetRelativePath(overlayFolder, Path.GetFullPath(backingPath));
        return AtomicPublish.FileAsync(overlayPath, temporary => Run(
            ["create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", relativeBacking, temporary], cancellationToken));
    }

    public static async Task<QemuImageInfo> InfoAsync(string path, CancellationToken cancellationToken)
    {
        // -U: an image a running VM holds open can still be inspected.
        var result = await Run(["info", "-U", "--output=json", path], cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(result.StandardOutput);
        var root = document.RootElement;
        return new QemuImageInfo(
            root.GetProperty("format").GetString()!,
            root.GetProperty("virtual-size").GetInt64(),
            root.TryGetProperty("backing-filename", out var backing) ? backing.GetString() : null);
    }

    private static Task<ProcessResult> Run(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(new ProcessSpec(Program, arguments) { DebianPackage = Package }, cancellationToken);
}
