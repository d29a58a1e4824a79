using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace WinVmBuild.IntegrationTests.Registry;

/// <summary>How a test registry lets clients in.</summary>
public enum RegistryAuth
{
    None,

    /// <summary>Basic, against an htpasswd file.</summary>
    Htpasswd,

    /// <summary>Bearer tokens from a token endpoint the test serves (as GHCR, GitLab, Harbor and Docker Hub do).</summary>
    Token,
}

/// <summary>
/// Debian's docker-registry (Distribution 2.8), started for one test on 127.0.0.1 and a free port, with its storage
/// in a scratch folder; disposing it kills the one process it started and deletes the folder. Its user and password
/// go to the run's <c>$XDG_RUNTIME_DIR/containers/auth.json</c>, where skopeo (as every container tool) finds them.
/// The registry benchmark starts it too.
/// </summary>
internal sealed class DistributionRegistry : IAsyncDisposable
{
    public const string User = "ci";
    public const string Password = "s3cret-registry-password";
    public const string Repository = "winvm/test";

    private readonly Process _process;
    private readonly TokenServer? _tokens;

    private DistributionRegistry(Process process, string folder, int port, TokenServer? tokens)
    {
        _process = process;
        _tokens = tokens;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    /// <summary>What WinVmCacheRegistry names: this registry's test repository.</summary>
    public string Reference => $"{Host}/{Repository}";

    /// <summary>Where the registry keeps the blobs: a test may damage one.</summary>
    public string BlobsFolder => Path.Combine(Folder, "data", "docker", "registry", "v2", "blobs", "sha256");

    /// <summary>Whether the repository holds <paramref name="tag"/>, as the registry's own storage says.</summary>
    public bool HasTag(string tag) =>
        Directory.Exists(Path.Combine(Folder, "data", "docker", "registry", "v2", "repositories", Repository, "_manifests", "tags", tag));

    public static async Task<DistributionRegistry> StartAsync(RegistryAuth auth)
    {
        var folder = TestPaths.NewScratchFolder("registry");
        var port = FreePort();
        var tokens = auth == RegistryAuth.Token ? TokenServer.Start(folder, User, Password) : null;
        var config = new StringBuilder($"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {folder}/data
            http:
              addr: 127.0.0.1:{port}

            """);
        if (auth == RegistryAuth.Htpasswd)
        {
            await RunAsync("htpasswd", ["-B", "-b", "-c", Path.Combine(folder, "htpasswd"), User, Password]);
            config.Append($"""
                auth:
                  htpasswd:
                    realm: winvmbuild-test
                    path: {folder}/htpasswd

                """);
        }
        else if (tokens is not null)
        {
            config.Append($"""
                auth:
                  token:
                    realm: {tokens.Realm}
                    service: {TokenServer.Service}
                    issuer: {TokenServer.Issuer}
                    rootcertbundle: {tokens.CertificateFile}

                """);
        }

        var configFile = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(configFile, config.ToString());
        var process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", configFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new DistributionRegistry(process, folder, port, tokens);
        await registry.WaitUntilServingAsync();
        if (auth != RegistryAuth.None)
        {
            registry.Login(Password);
        }

        return registry;
    }

    /// <summary>Records <paramref name="password"/> for this registry where container tools keep credentials.</summary>
    public void Login(string password) => EditCredentials(credentials =>
        credentials["auths"]![Host] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}")) });

    /// <summary>Names the <c>docker-credential-<paramref name="helper"/></c> program as this registry's credential helper, as ECR and GCR set up.</summary>
    public void UseCredentialHelper(string helper) => EditCredentials(credentials =>
    {
        credentials["auths"]!.AsObject().Remove(Host);
        credentials["credHelpers"]![Host] = helper;
    });

    /// <summary>The run's <c>$XDG_RUNTIME_DIR/containers/auth.json</c>, edited (the tests run one at a time: no other writer).</summary>
    private static void EditCredentials(Action<JsonObject> edit)
    {
        var file = Path.Combine(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR")!, "containers", "auth.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var credentials = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))!.AsObject() : [];
        credentials["auths"] ??= new JsonObject();
        credentials["credHelpers"] ??= new JsonObject();
        edit(credentials);
        File.WriteAllText(file, credentials.ToJsonString());
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Stops the registry, as a registry that goes away does.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        _tokens?.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                // 200 without auth, 401 with: either way it serves.
                var response = await client.GetAsync($"http://{Host}/v2/");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry did not serve on {Host} within 30 s");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A port free on 127.0.0.1 now, for a server that cannot be told to pick one and say which.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
